// Reference scenario 3: process failures, then a host-wide failure.
//
// Proves two things. First, that killing processing elements with SIGKILL is survived inside
// the datacenter: Streams restarts each killed PE, the toolkit keeps heartbeating, and the
// standby does not take over (no failover while dc1 restarts its PEs). Second, that when every
// Streams process of dc1's hosts is killed and the datacenter is cut off (`lose_dc`: the whole
// datacenter is gone), dc2 takes over within the recovery-time objective.

import "std/faults"

scenario "killed PEs are restarted in place; a lost datacenter fails over to DC2" {
  tags: ["process"]
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
    let load = inject(app.Ingest, rate: 300/s, for: 12s, key: "seq")
    // SIGKILL the processing operator's PE twice; Streams restarts it each time
    rolling_kill(app, "Process", on: dc1, times: 2, interval: 2s) for 4s
    wait 4500ms
    await healthy(app, on: dc1) within 10s
    expect healthy(app, on: dc2) else "dc2 must still be a healthy standby"
    log("dc1 restarted its PEs; now losing the whole datacenter")
    lose_dc(dc1) for 5s
    let fo = await failover(app, to: dc2, from: dc1) within 20s
  }

  verify {
    expect fo.rto <= 10s else "dc2 took too long to take over"
    expect lost(load, app.Results) <= 10%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
