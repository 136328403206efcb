// Two faults at once, and a check after the first failover.
scenario "partition while primary restarts" {
  environment: sim
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

  run {
    let load = inject(app.Ingest, rate: 300/s, for: 3m, key: "seq")
    parallel {
      at 30s: partition(dc1, dc2) for 45s
      at 40s {
        wait 5s
        partition(dc1, dc2) for 10s
      }
    }
    let fo = await failover(app, to: dc2) within 2m
    after load: expect lost(load, app.Results) <= 1%
  }

  verify {
    expect fo.rto <= 60s
    expect lost(load, app.Results) <= 0.5%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
