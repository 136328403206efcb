// Reference scenario 4: gradual degradation of the link between the datacenters.
//
// Proves that the Cross-DC Failover toolkit rides out a link that is slow and lossy, and finds
// the level at which it no longer does. Under a constant added latency, the share of packets
// dropped between dc1 and dc2 is raised step by step; each level is logged as it is applied,
// so the journal shows which level was in force when dc2's toolkit declared dc1 down (the
// threshold). A dropped heartbeat is simply missing: dc2 takes over once more heartbeats in a
// row are missing than it allows (3 on the twin), which the higher levels make likely.
// `fo.rto` counts from the level that caused the failover.

scenario "raising the loss between the datacenters finds where DC2 takes over" {
  tags: ["network", "degradation"]
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
    let load = inject(app.Ingest, rate: 200/s, for: 16s, key: "seq")
    latency(dc1, dc2, delay: 50ms) for 15s
    after failover(app, to: dc2): log("dc1 declared down: the last level logged is the threshold")
    at 0s {
      log("level 1: 50ms latency, 10% loss")
      packet_loss(dc1, dc2, rate: 10%) for 2500ms
    }
    at 3s {
      log("level 2: 50ms latency, 30% loss")
      packet_loss(dc1, dc2, rate: 30%) for 2500ms
    }
    at 6s {
      log("level 3: 50ms latency, 50% loss")
      packet_loss(dc1, dc2, rate: 50%) for 2500ms
    }
    at 9s {
      log("level 4: 50ms latency, 75% loss")
      packet_loss(dc1, dc2, rate: 75%) for 2500ms
    }
    at 12s {
      log("level 5: 50ms latency, 95% loss")
      packet_loss(dc1, dc2, rate: 95%) for 2500ms
    }
    let fo = await failover(app, to: dc2, from: dc1) within 16s
  }

  verify {
    // the failover came while a level was in force, within a few heartbeat intervals of it
    expect fo.rto <= 3s else "dc2 took long to take over once the link was bad enough"
    expect lost(load, app.Results) <= 1%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
