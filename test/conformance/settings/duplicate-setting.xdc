// Which timeout holds? Say it once.
scenario "duplicate setting" {
  environment: sim
  timeout: 5m
  timeout: 10m               // error[XDC1009]

  run {
    wait 5s
  }
}
