// `name = value` without `let`.
scenario "missing let" {
  timeout: 5m
  run {
    pause = 5s              // error[XDC1001]@11 help "let pause"
    wait pause
  }
}
