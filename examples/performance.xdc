// Reference scenario 6: performance before, during and after a failover.
//
// Proves that the application keeps its throughput and latency targets in steady state,
// degrades in a bounded way while dc2 takes over, and is back on target afterwards. Three
// workloads of the same rate cover the three periods; the sink's throughput is measured in
// each, and the latency from sending a tuple to its arrival at the sink is judged per
// workload: the 99th percentile before and after, the median during the failover (tuples
// sent while nobody accepts them wait for the takeover).

import "std/faults"

scenario "throughput and latency hold before, during and after a failover to DC2" {
  tags: ["performance"]
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
    // before: the target rate, steadily
    let before = inject(app.Ingest, rate: 500/s, for: 4s, key: "before_seq")
    wait 3s
    expect throughput(app.Results, over: 2s) >= 400/s else "below the target rate"
    wait 1s
    let during = inject(app.Ingest, rate: 500/s, for: 4s, key: "during_seq")
    lose_dc(dc1) for 4s
    let fo = await failover(app, to: dc2, from: dc1) within 10s
    wait 1s
    // during: the survivor takes the workload over at once
    expect throughput(app.Results, over: 1s) >= 250/s
      else "dc2 does not keep up just after taking over"
    wait 3s
    // after: back on target
    let recovered = inject(app.Ingest, rate: 500/s, for: 4s, key: "recovered_seq")
    wait 3s
    expect throughput(app.Results, over: 2s) >= 400/s else "below the target rate"
  }

  verify {
    expect fo.rto <= 5s else "the takeover took too long"
    expect latency_p(before, app.Results, q: 0.99) <= 1s else "slow before the failover"
    expect latency_p(during, app.Results, q: 0.5) <= 3s
      else "tuples waited too long for the takeover"
    expect latency_p(recovered, app.Results, q: 0.99) <= 1s else "slow after the failover"
    expect lost(during, app.Results) <= 10%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
