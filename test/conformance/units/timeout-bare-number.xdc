// The scenario timeout is a duration too.
scenario "bare timeout" {
  environment: sim
  timeout: 600              // error[XDC3001]

  run {
    wait 5s
  }
}
