// Composite faults, written in xdc itself: `import "std/faults"`.
// Each is used like a builtin fault: `flap(dc1, dc2) for 2m`, or bound with `let` and
// reverted with `revert(f)`. Reverting one undoes whatever part of it is still applied.

// Cuts the link between two datacenters and restores it, `cycles` times: each cycle is
// cut for half of `period`, then healthy for the other half. Tests that a failover
// toolkit does not flap with the link.
fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) {
  repeat cycles {
    partition(a, b) for period / 2
    wait period
  }
}

// Kills the processing element running `operator` again and again, `interval` apart:
// Streams restarts it each time, and the application must cope with every restart.
fault rolling_kill(
  app: Application,
  operator: String,
  on: DC,
  times: Number = 3,
  interval: Duration = 30s,
) {
  repeat times {
    kill(pe(app, operator, on: on))
    wait interval
  }
}

// Makes the link between two datacenters worse in four equal steps, `step` apart, up to
// `delay` of added latency and `loss` of dropped packets, then holds the worst level
// until the fault is reverted. Finds the point where the toolkit declares the other
// datacenter down.
fault degrade(a: DC, b: DC, delay: Duration = 400ms, loss: Percent = 8%, step: Duration = 15s) {
  latency(a, b, delay: delay / 4) for step
  packet_loss(a, b, rate: loss / 4) for step
  wait step
  latency(a, b, delay: delay / 2) for step
  packet_loss(a, b, rate: loss / 2) for step
  wait step
  latency(a, b, delay: delay * 3 / 4) for step
  packet_loss(a, b, rate: loss * 3 / 4) for step
  wait step
  latency(a, b, delay: delay)
  packet_loss(a, b, rate: loss)
}

// Cuts a datacenter off from the others and stops its Streams instance: the whole
// datacenter is gone, as in a power failure, until the fault is reverted.
fault lose_dc(dc: DC) {
  isolate(dc)
  stop_instance(dc)
}
