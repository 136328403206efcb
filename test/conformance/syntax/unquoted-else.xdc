// The message after `else` is a string; without quotes it is one error with the quoted fix.
scenario "unquoted else message" {
  timeout: 5m
  run {
    expect 1s < 2s else took too long    // error[XDC1001]@25 help "took too long"
  }
}
