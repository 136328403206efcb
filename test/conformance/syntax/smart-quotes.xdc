// Quotes pasted from a word processor are not string quotes; the help says which to type.
scenario “smart quotes” {     // error[XDC1003]
  timeout: 5m
}
