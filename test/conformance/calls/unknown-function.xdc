// A misspelt builtin gets a "did you mean".
scenario "unknown function" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partiton(dc1, dc2) for 30s          // error[XDC2009] help "`partition`"
  }
}
