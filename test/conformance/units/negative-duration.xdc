// A wait cannot go back in time.
// known-issue: a negative wait is accepted
scenario "negative wait" {
  environment: sim
  timeout: 5m

  run {
    wait -5s                                    // error[XDC3013]
  }
}
