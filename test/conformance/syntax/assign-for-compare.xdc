// `=` where `==` was meant.
scenario "assignment for comparison" {
  timeout: 5m
  run {
    expect 1s + 1s = 2s     // error[XDC1001]@20 help "`==`"
  }
}
