// How long a fault lasts is a duration: `for 30` says neither seconds nor minutes.
scenario "bare number after for" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc2) for 30          // error[XDC3001]
  }
}
