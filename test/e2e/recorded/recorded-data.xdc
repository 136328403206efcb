// Recorded orders replayed into the twin three ways: JSON lines at a rate, CSV at its own
// timestamps twice as fast, and JSON lines looped. Nothing is disturbed, so every tuple sent
// must arrive exactly once (test/e2e/exec-recorded.test.ts).

import "std/checks"

scenario "recorded orders arrive exactly once" {
  environment: sim
  timeout: 2m

  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )
  let order = {
    orderId: "rstring",
    customer: "rstring",
    qty: "int32",
    price: "float64",
    express: "boolean",
    placedAt: "timestamp",
  }

  setup {
    submit(app, to: dc1, role: "primary")
    await healthy(app, on: dc1) within 1m
  }

  run {
    let rows = inject(
      app.Ingest,
      rate: 200/s,
      for: 3s,
      key: "seq",
      schema: order,
      file: "data/orders.jsonl",
    )
    let stamped = inject(
      app.Ingest,
      rate: 1000/s,
      for: 4s,
      key: "stamped_seq",
      schema: order,
      file: "data/orders.csv",
      timestamps: "placedAt",
      speed: 2,
    )
    let looped = inject(
      app.Ingest,
      rate: 300/s,
      for: 2s,
      key: "looped_seq",
      schema: order,
      file: "data/orders.jsonl",
      loop: true,
    )
  }

  verify {
    exactly_once(rows, app.Results)
    exactly_once(stamped, app.Results, key: "stamped_seq")
    exactly_once(looped, app.Results, key: "looped_seq")
    expect rows.sent == 120 else "every row of the file, once"
    expect stamped.sent == 120 else "every row of the file, once"
    expect looped.sent >= 500 else "the loop went past the file's end"
  }

  teardown {
    cancel(app, on: dc1)
  }
}
