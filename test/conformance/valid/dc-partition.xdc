// The scenario of the language guide: a partition makes DC2 take over within 45s.
scenario "DC1 partition fails over to DC2 within 45s" {
  environment: sim
  tags: ["network", "smoke"]
  timeout: 10m

  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
  }

  steady { // checked before run and after verify
    expect throughput(app.Results, over: 10s) >= 400/s
  }

  run { // times are relative to the start of run
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2) within 60s
  }

  verify {
    expect fo.rto <= 45s
    expect lost(load, app.Results) <= 0.1%
    expect duplicates(load, app.Results) == 0
    expect ordered(app.Results, by: "seq")
  }

  teardown { // always runs, also after a failure or Ctrl-C
    cancel(app, on: [dc1, dc2])
  }
}
