// Quotes pasted from a word processor are not string quotes; the help says which to type.
// known-issue: the words between the quotes are reported as unexpected as well
scenario “smart quotes” {     // error[XDC1003] error[XDC1003]
  timeout: 5m
}
