// `for` bounds a fault; a health check has nothing to revert.
scenario "for on a query" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    healthy(app, on: dc1) for 30s               // error[XDC3012]
  }
}
