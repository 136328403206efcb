// Tags are a list of strings, even when there is only one.
scenario "tags as a string" {
  environment: sim
  tags: "smoke"              // error[XDC3002]
  timeout: 5m

  run {
    wait 5s
  }
}
