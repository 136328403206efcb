// The missing quote swallows the `]` that closes the list. One mistake, one diagnostic.
scenario "unterminated string in a list" {
  tags: ["network", "smoke]          // error[XDC1002]
  timeout: 5m
}
