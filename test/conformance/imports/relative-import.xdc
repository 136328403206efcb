// A relative import brings the module's definitions into scope.
import "./lib/faults.xdc"

scenario "imported fault" {
  environment: sim
  timeout: 5m

  run {
    flap(dc1, dc2, cycles: 2) for 1m
  }
}
