// Logic and comparisons in expectations: precedence without parentheses, and with them.
scenario "operators" {
  environment: sim
  timeout: 5m
  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2) within 60s
  }

  verify {
    expect fo.rto <= 45s and fo.to == dc2
    expect not fo.rto > 45s or lost(load, app.Results) == 0%
    expect duplicates(load, app.Results) + 1 > 0
    expect fo.from != fo.to
  }
}
