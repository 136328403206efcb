// A wait cannot go back in time.
scenario "negative wait" {
  environment: sim
  timeout: 5m

  run {
    wait -5s                                    // error[XDC3013]
  }
}
