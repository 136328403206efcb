// The list of what may come next is read from the grammar; the `(` left open is labelled.
scenario "unclosed call" {
  timeout: 5m
  run {
    partition(dc1, dc2 for 5s   // error[XDC1001]@24
  }
}
