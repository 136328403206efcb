// A misspelt phase is one error, not a setting, a block and a cascade after it.
scenario "phase typo" {
  timeout: 5m
  seutp {                   // error[XDC1001]@3 help "`setup`"
    wait 1s
  }
  run { wait 1s }
}
