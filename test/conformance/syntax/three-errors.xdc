// Three unrelated mistakes in one run block: a missing comma between arguments, a `let`
// without its name and a `wait` without its duration. Each is reported once, on its own
// line, and recovery does not invent a fourth.
scenario "three syntax errors" {
  timeout: 5m

  run {
    at 20s: partition(dc1 dc2) for 30s   // error[XDC1001]@27
    let = 3                              // error[XDC1001]@9
    wait )                               // error[XDC1001]@10
  }
}
