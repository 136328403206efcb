// Two bindings with one name in one block.
scenario "duplicate let" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    let load = inject(app.Ingest, rate: 100/s, for: 90s, key: "seq")   // error[XDC2003]
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
