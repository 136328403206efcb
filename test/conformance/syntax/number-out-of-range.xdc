// A number beyond what a double holds is reported rather than silently becoming Infinity.
scenario "number out of range" {
  timeout: 5m

  run {
    wait 1e400s          // error[XDC1010]
  }
}
