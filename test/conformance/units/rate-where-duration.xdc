// A rate where a duration belongs.
scenario "rate as a duration" {
  environment: sim
  timeout: 5m

  run {
    wait 500/s                                  // error[XDC3002]
  }
}
