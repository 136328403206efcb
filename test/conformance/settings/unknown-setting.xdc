// A misspelt setting gets a "did you mean".
// known-issue: the misspelt `timeout` is also reported as a missing timeout
scenario "unknown setting" {
  environment: sim
  timout: 5m                 // error[XDC1008] help "`timeout`"

  run {
    wait 5s
  }
}
