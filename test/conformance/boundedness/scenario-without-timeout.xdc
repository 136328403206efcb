// Every scenario has a timeout, so that a hung run ends.
scenario "no timeout" {                        // error[XDC4003]
  environment: sim
  run {
    wait 5s
  }
}
