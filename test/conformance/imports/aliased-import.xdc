// An alias keeps imported names apart: `f.flap`.
import "./lib/faults.xdc" as f

scenario "aliased import" {
  environment: sim
  timeout: 5m

  run {
    f.flap(dc1, dc2) for 1m
  }
}
