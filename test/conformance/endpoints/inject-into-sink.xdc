// Results is where the application writes; tuples are injected into a source.
scenario "inject into a sink" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    inject(app.Results, rate: 500/s, for: 90s, key: "seq")   // error[XDC3008]
    wait 90s
  }
}
