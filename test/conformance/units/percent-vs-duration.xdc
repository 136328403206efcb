// Data loss is a percentage; comparing it with a duration cannot be right.
scenario "loss compared with a duration" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    at 20s: partition(dc1, dc2) for 30s
  }

  verify {
    expect lost(load, app.Results) <= 5s        // error[XDC3003]
  }
}
