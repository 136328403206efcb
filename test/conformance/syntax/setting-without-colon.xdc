// A scenario setting needs a colon between key and value.
scenario "setting without colon" {
  timeout 5m             // error[XDC1001]
}
