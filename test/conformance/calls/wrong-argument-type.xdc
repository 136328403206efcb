// `partition` cuts datacenters, not applications.
scenario "application where a datacenter belongs" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")

  run {
    at 20s: partition(dc1, app) for 30s         // error[XDC3002]
  }
}
