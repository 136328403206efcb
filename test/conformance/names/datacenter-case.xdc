// Names are case-sensitive; a difference in case only is suggested first.
scenario "datacenter in capitals" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(DC1, dc2) for 30s         // error[XDC2002] help "`dc1`"
  }
}
