// `wait` takes a duration. A bare number is an error, and the help offers the unit.
scenario "bare number in wait" {
  environment: sim
  timeout: 5m

  run {
    wait 5                  // error[XDC3001] help "5s"
  }
}
