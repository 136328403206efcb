// The missing quote swallows the `]` that closes the list. One mistake, one diagnostic.
// known-issue: the parser then reports the unclosed list at the next line as well
scenario "unterminated string in a list" {
  tags: ["network", "smoke]          // error[XDC1002]
  timeout: 5m
}
