// Only conditions and events can be awaited; to pause, `wait` a duration.
scenario "await a duration" {
  environment: sim
  timeout: 5m

  run {
    await 5s within 10s                         // error[XDC3010]
  }
}
