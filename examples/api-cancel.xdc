// Reference scenario 2: an API-driven failure.
//
// Proves that when the primary's job is cancelled through the Streams REST API (an operator's
// mistake, or an automation gone wrong), the standby's toolkit notices the silence, declares
// the primary's datacenter down and takes over by itself: the failover is observed, never
// commanded. Cancelling is an orderly shutdown, so the standby has no snapshot to replay and
// nothing arrives twice; what the primary had accepted and not yet emitted is lost.

scenario "cancelling the primary's job through the REST API fails over to DC2" {
  tags: ["api", "smoke"]
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
    await healthy(app, on: dc1) within 2m
    await healthy(app, on: dc2) within 2m
  }

  run {
    let load = inject(app.Ingest, rate: 300/s, for: 8s, key: "seq")
    // reverting the fault submits the job again, after the failover has been seen
    at 2s: cancel_job(app, on: dc1) for 4s
    let fo = await failover(app, to: dc2, from: dc1) within 20s
  }

  verify {
    expect fo.rto <= 10s else "dc2 took too long to take over"
    expect duplicates(load, app.Results) == 0 else "an orderly shutdown replays nothing"
    expect lost(load, app.Results) <= 5%
    expect ordered(app.Results, by: "seq")
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
