// A scenario names the environment it runs in with the `environment` setting: a keyword
// is allowed as a setting's key.
scenario "runs on the twin" {
  environment: sim
  timeout: 5m

  run {
    wait 5s
  }
}
