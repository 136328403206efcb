// A duration written as a string is still a string.
scenario "timeout as a string" {
  environment: sim
  timeout: "10m"             // error[XDC3002]

  run {
    wait 5s
  }
}
