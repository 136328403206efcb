// `partition` takes two datacenters, not three.
scenario "too many arguments" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc2, dc1) for 30s    // error[XDC3006]
  }
}
