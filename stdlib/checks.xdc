// Reusable checks, written in xdc itself: `import "std/checks"`. Call them in `verify`
// (or `steady`), like statements: `exactly_once(load, app.Results)`.

// Every tuple of the workload arrived at the sink once, and in the order it was sent.
check exactly_once(load: Workload, sink: Endpoint, key: String = "seq") {
  expect lost(load, sink) == 0% else "tuples were lost"
  expect duplicates(load, sink) == 0 else "tuples arrived twice"
  expect ordered(sink, by: key) else "tuples arrived out of order"
}

// At most `limit` of the workload was lost, and nothing arrived twice: what a failover
// that replays from its last snapshot promises.
check at_least_once(load: Workload, sink: Endpoint, limit: Percent = 0.1%) {
  expect lost(load, sink) <= limit else "more tuples were lost than allowed"
}

// The failover completed within the recovery-time objective, and the data it gave up
// covers no more than the recovery-point objective.
check within_objectives(
  fo: Failover,
  load: Workload,
  sink: Endpoint,
  rto: Duration = 60s,
  rpo_limit: Duration = 30s,
) {
  expect fo.rto <= rto else "the failover took longer than the recovery-time objective"
  expect rpo(load, sink) <= rpo_limit
    else "more data was lost than the recovery-point objective allows"
}

// The sink keeps up with at least `rate` tuples per second: a steady-state hypothesis.
check keeps_up(sink: Endpoint, rate: Rate, over: Duration = 10s) {
  expect throughput(sink, over: over) >= rate else "throughput is below the steady-state rate"
}
