scenario "faults" {
  run {
    let f = partition(
      dc1,
      dc2,
    )
    wait 30s
  }
}
