// `sec` is not a unit; the fix-it suggests `s`.
scenario "unknown unit" {
  timeout: 5m

  run {
    at 10sec: partition(dc1, dc2) for 30s     // error[XDC1006] help "10s"
  }
}
