// The settings a scenario takes, each with a value of its type.
scenario "all settings" {
  environment: sim
  tags: ["network", "smoke"]
  description: "every setting once"
  seed: 42
  timeout: 10m

  run {
    wait 5s
  }
}
