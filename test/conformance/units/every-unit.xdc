// Every unit suffix xdc knows, each where its kind belongs.
scenario "every unit" {
  environment: sim
  timeout: 1h
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let slow = inject(app.Ingest, rate: 30/m, for: 2m, key: "seq")
    let fast = inject(app.Ingest, rate: 500/s, for: 250ms, key: "seq")
    at 1_000ms: partition(dc1, dc2) for 0.5m
    wait 1e3ms
  }

  verify {
    expect lost(slow, app.Results) <= 0.1%
    expect lost(fast, app.Results) <= 1e-1%
  }
}
