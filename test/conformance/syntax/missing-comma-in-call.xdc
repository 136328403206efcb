// A missing comma between two arguments is one mistake: the statements after the call are
// still read as part of the run block.
scenario "missing comma" {
  timeout: 5m

  run {
    at 20s: partition(dc1 dc2) for 30s     // error[XDC1001]@27 help "`,`"
    wait 5s
  }
}
