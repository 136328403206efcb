// A fault scheduled after the scenario has timed out never happens.
scenario "timeline beyond the timeout" {
  environment: sim
  timeout: 1m

  run {
    at 2m: partition(dc1, dc2) for 30s          // warning[XDC4005]
  }
}
