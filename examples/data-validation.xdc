// Reference scenario 5: data validation through a failover.
//
// Proves that xdc accounts for every tuple exactly: each one a workload sent is numbered, and
// the sink's tuples are matched against what the endpoints accepted, so loss, duplicates,
// order and the recovery point (RPO) are counts, not estimates. A first workload, production's
// own orders replayed from a recording (examples/data/orders.jsonl), ends before anything goes
// wrong and must arrive exactly once, in order, each result computed right; a second one runs
// through the loss of dc1, where the toolkit's snapshots decide what is lost (accepted by dc1
// after its last snapshot) and what arrives twice (replayed by dc2 although dc1 had emitted
// it). The bounds come from the snapshot interval, five heartbeats (1 s on the twin).
//
// The second workload ramps up, spreads its orders over 20 accounts (a few of them hot), and
// numbers each account on its own, so order is judged per account. What the application made
// of the orders is checked tuple by tuple: every result has the attributes it should, its
// `total` is its order's quantity times its price, and the running figures per account continue
// through the takeover (the survivor restores them from the last snapshot, so they may fall
// back by at most one snapshot interval: never reset, never counted twice).

import "std/checks"
import "std/faults"

scenario "a workload through the loss of DC1 is accounted for tuple by tuple" {
  tags: ["data"]
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
    let calm = inject(
      app.Ingest,
      rate: 400/s,
      for: 3s,
      key: "calm_seq",
      schema: {
        orderId: "rstring",
        customer: "rstring",
        qty: "int32",
        price: "float64",
        express: "boolean",
        placedAt: "timestamp",
      },
      file: "data/orders.jsonl",
    )
    wait 4s
    let load = inject(
      app.Ingest,
      rate: ramp(200/s, 600/s, over: 4s),
      for: 10s,
      key: "seq",
      keys: 20,
      keyed_by: "account",
      spread: "zipf",
      schema: {qty: "int32", price: "float64"},
    )
    at 9s: lose_dc(dc1) for 5s
    let fo = await failover(app, to: dc2, from: dc1) within 20s
  }

  verify {
    // undisturbed: every tuple once, in order
    exactly_once(calm, app.Results, key: "calm_seq")
    expect calm.sent == 120 else "the recording holds 120 orders"
    expect all(calm, app.Results, where: out.total == in.qty * in.price)
    // through the failover: bounded by what the snapshots allow
    at_least_once(load, app.Results, limit: 5%)
    within_objectives(fo, load, app.Results, rto: 5s, rpo_limit: 2s)
    expect duplicates(load, app.Results) <= 800
      else "more replayed than one snapshot interval holds"
    expect ordered(app.Results, by: "seq", per: "account")
    // what the application produced
    expect conforms(
      load,
      app.Results,
      schema: {account: "rstring", total: "float64", orders: "int64"},
    )
    expect all(load, app.Results, where: out.total == in.qty * in.price)
    expect continues(load, app.Results, value: "orders", slack: 3s)
    expect continues(load, app.Results, value: "qtyTotal", of: "qty", slack: 3s)
    expect load.sent >= 3900 else "the workload did not send what it was asked to"
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
