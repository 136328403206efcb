// Order is checked on what the application emits.
scenario "order checked at a source" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect ordered(app.Ingest, by: "seq")       // error[XDC3008]
    expect lost(load, app.Results) <= 0.1%
  }
}
