// `as` names the result of an await; on a fault call it means nothing.
scenario "as without await" {
  timeout: 5m

  run {
    partition(dc1, dc2) for 30s as cut      // error[XDC1001]
  }
}
