// A scenario typed in a hurry: fmt gives it the canonical layout.
scenario "squashed" {
  environment: sim
  timeout: 5m
  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )
  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
  }
  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s)
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2) within 60s
  }
  verify {
    expect fo.rto <= 45s and lost(load, app.Results) <= 0.1%
  }
}
