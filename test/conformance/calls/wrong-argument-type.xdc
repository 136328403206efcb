// `partition` cuts datacenters, not applications.
scenario "application where a datacenter belongs" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, app) for 30s         // error[XDC3002]
  }
}
