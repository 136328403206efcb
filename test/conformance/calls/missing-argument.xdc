// A partition is between two datacenters; naming one is not enough.
scenario "missing argument" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1) for 30s              // error[XDC3005]
  }
}
