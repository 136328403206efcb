// A fault written in xdc: defaults, unit arithmetic and a counted repeat.
// Cuts the link between two datacenters `cycles` times.
fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 10s) {
  repeat cycles { partition(a, b) for period / 2; wait period / 2 }
}

scenario "flapping link" {
  environment: sim
  timeout: 5m

  run {
    flap(dc1, dc2) for 1m
    flap(dc1, dc2, cycles: 5, period: 4s) for 30s
  }
}
