// A partition longer than the toolkit's allowance: dc2 takes over and dc1, cut off but not
// fenced, stays active (docs/twin.md). `split_brain` measures how long both were active, and
// this scenario's expectation that there was none fails: the report's acceptance test checks
// that the failure, with its value, heads the report.

scenario "a partition leaves both datacenters active" {
  environment: sim
  timeout: 2m

  let app = application(
    "FailoverDemo",
    bundle: "../../../examples/apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
    await healthy(app, on: dc2) within 2m
  }

  run {
    let load = inject(app.Ingest, rate: 100/s, for: 6s, key: "seq")
    at 1s: partition(dc1, dc2) for 4s
    await failover(app, to: dc2) within 20s
  }

  verify {
    expect split_brain(app) == 0s else "dc1 and dc2 were both active"
    expect lost(load, app.Results) <= 1%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
