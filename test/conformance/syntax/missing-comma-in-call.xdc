// A missing comma between two arguments is one mistake: the statements after the call are
// still read as part of the run block.
// known-issue: recovery leaves the run block: `wait 5s` is read as a scenario setting, and the closing braces are reported too
scenario "missing comma" {
  timeout: 5m

  run {
    at 20s: partition(dc1 dc2) for 30s     // error[XDC1001]@27
    wait 5s
  }
}
