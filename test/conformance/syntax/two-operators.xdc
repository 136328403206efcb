// Two binary operators in a row: the second is where an operand was expected.
scenario "two operators in a row" {
  timeout: 5m

  verify {
    expect lost(load, app.Results) <= * 0.1%     // error[XDC1001]@39
  }
}
