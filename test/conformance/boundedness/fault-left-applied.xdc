// A fault without `for` that is never reverted stays applied after the scenario.
scenario "fault left applied" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc2)                 // error[XDC4002]
  }
}
