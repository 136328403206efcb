// An alias keeps imported names apart: `f.flap`.
import "./lib/faults.xdc" as f

scenario "aliased import" {
  timeout: 5m

  run {
    f.flap(dc1, dc2)
  }
}
