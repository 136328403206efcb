// A scenario names the environment it runs in with the `environment` setting.
// known-issue: `environment` is a keyword and `setting` takes an Identifier key, so this is rejected, and recovery then rejects every member after it
scenario "runs on the twin" {
  environment: sim
  timeout: 5m

  run {
    wait 5s
  }
}
