// Strings take double quotes only.
scenario "single quotes" {
  timeout: 5m
  tags: ['smoke']                 // error[XDC1003] error[XDC1003]
}
