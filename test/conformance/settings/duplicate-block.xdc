// One run block per scenario; put both timelines in one, or use `parallel`.
scenario "two run blocks" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc2) for 30s
  }

  run {                      // error[XDC1007]
    wait 5s
  }
}
