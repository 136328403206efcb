// verify observes; faults belong in run.
scenario "fault in verify" {
  environment: sim
  timeout: 5m

  verify {
    partition(dc1, dc2) for 30s                 // error[XDC4006]
  }
}
