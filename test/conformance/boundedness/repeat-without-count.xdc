// `repeat` needs a count.
scenario "repeat without count" {
  environment: sim
  timeout: 5m

  run {
    repeat {                                    // error[XDC4004]
      partition(dc1, dc2) for 5s
      wait 5s
    }
  }
}
