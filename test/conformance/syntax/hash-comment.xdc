// `#` starts a comment in YAML and shells, not here: one error, and the words are not read.
scenario "hash comment" {
  timeout: 5m # five minutes   // error[XDC1003]@15 help "`//`"
  run { wait 1s }
}
