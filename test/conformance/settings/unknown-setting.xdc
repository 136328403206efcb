// A misspelt setting gets a "did you mean".
scenario "unknown setting" {
  environment: sim
  timout: 5m                 // error[XDC1008] help "`timeout`"

  run {
    wait 5s
  }
}
