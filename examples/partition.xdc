// Reference scenario 1: a network partition between the datacenters.
//
// Proves that when dc1 loses its network path to dc2, the Cross-DC Failover toolkit in dc2
// declares dc1 down after the configured number of missed heartbeats and takes over, within
// the recovery-time objective, with the data loss and duplicates the snapshot interval allows.
// Runs on the embedded twin (`environment: sim`); point it at a real deployment with
// `xdc exec --env lab.xdc examples/partition.xdc`.

scenario "DC1 partition fails over to DC2 within 45s" {
  tags: ["network", "smoke"]
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
    await healthy(app, on: dc2) within 2m
  }

  steady {
    // steady-state hypothesis: checked before `run` and again after `verify`, with a probe
    // workload of its own (a workload ends with the block that started it)
    let _probe = inject(app.Ingest, rate: 200/s, for: 3s, key: "probe")
    expect throughput(app.Results, over: 2s) >= 100/s
  }

  run {
    // times are relative to the start of `run`
    let load = inject(app.Ingest, rate: 500/s, for: 12s, key: "seq")
    at 3s: partition(dc1, dc2) for 6s
    let fo = await failover(app, to: dc2) within 30s
  }

  verify {
    expect fo.rto <= 45s else "dc2 took too long to take over"
    expect lost(load, app.Results) <= 0.1%
    expect ordered(app.Results, by: "seq")
  }

  teardown {
    // always runs, also after a failure or Ctrl-C
    cancel(app, on: [dc1, dc2])
  }
}
