// Strings take double quotes only; the word between the quotes is not reported again.
// known-issue: the word between the single quotes is also reported as an unknown name
scenario "single quotes" {
  timeout: 5m
  tags: ['smoke']                 // error[XDC1003] error[XDC1003]
}
