// Loops with a bound: a counted repeat and an every with for.
scenario "bounded loops" {
  environment: sim
  timeout: 10m

  run {
    repeat 3 {
      partition(dc1, dc2) for 5s
      wait 10s
    }
    every 20s for 1m {
      partition(dc1, dc2) for 2s
    }
  }
}
