scenario "cut short" {
  run {
    wait 10sec
    at 5s: kill(dc1