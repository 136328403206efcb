// Runs of blank lines shrink to one; a blank line where the author left one stays.
scenario "blank lines" {
  environment: sim

  timeout: 5m

  run {
    wait 5s

    wait 10s
  }
}
