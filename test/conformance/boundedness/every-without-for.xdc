// `every` needs to know when to stop.
scenario "every without for" {
  environment: sim
  timeout: 5m

  run {
    every 10s {                                 // error[XDC4004]
      partition(dc1, dc2) for 2s
    }
  }
}
