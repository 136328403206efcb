// Strings take double quotes only; the word between the quotes is not reported again.
scenario "single quotes" {
  timeout: 5m
  tags: ['smoke']                 // error[XDC1003]
}
