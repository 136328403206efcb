// Loss is measured where tuples come out, at a sink.
scenario "loss measured at a source" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(load, app.Ingest) <= 0.1%       // error[XDC3008]
  }
}
