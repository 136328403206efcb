// A `let` without its name: the error is at the `=` where the name should be, and the
// statements after it are still read as part of the run block.
scenario "let without a name" {
  timeout: 5m

  run {
    let = 3                    // error[XDC1001]@9
    wait 5s
    wait 5s)                   // error[XDC1001]@12
  }
}
