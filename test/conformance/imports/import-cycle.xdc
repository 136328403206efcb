// Two files that import each other. Checking this one, the cycle closes at the import in
// lib/cycle-back.xdc, which carries the mark; that is where the diagnostic points.
import "./lib/cycle-back.xdc"

scenario "import cycle" {
  environment: sim
  timeout: 5m

  run {
    cut_back(dc1, dc2) for 30s
  }
}
