// Tuples go into a source and are measured at a sink.
scenario "source and sink" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
    expect duplicates(load, app.Results) == 0
    expect ordered(app.Results, by: "seq")
  }
}
