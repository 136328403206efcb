// A call missing its closing parenthesis; the help says to close it, and the statement
// after it is still read.
scenario "unclosed call" {
  timeout: 5m

  run {
    at 10s: partition(dc1, dc2 for 30s     // error[XDC1001]@32 help "`)`"
    wait 5s
  }
}
