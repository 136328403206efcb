// The twin has dc1 and dc2; `dc3` gets a "did you mean".
scenario "unknown datacenter" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dc1, dc3) for 30s         // error[XDC2002] help "did you mean"
  }
}
