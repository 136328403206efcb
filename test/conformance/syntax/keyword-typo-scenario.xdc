// A misspelt keyword is one error with a "did you mean", and the file is read as meant.
scenaro "keyword typo" {    // error[XDC1001]@1 help "`scenario`"
  timeout: 5m
  run { wait 1s }
}
