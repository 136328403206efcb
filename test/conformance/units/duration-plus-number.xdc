// `30s + 5` adds a number to a duration; the hint says to write `5s`.
scenario "duration plus number" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc2) for 30s + 5     // error[XDC3001] help "5s"
  }
}
