// The settings a scenario takes, each with a value of its type.
scenario "all settings" {
  tags: ["network", "smoke"]
  timeout: 10m

  run {
    wait 5s
  }
}
