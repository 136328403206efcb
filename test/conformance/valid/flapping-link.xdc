// A link that flaps while load runs: the application must not lose or reorder tuples.
fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 10s) {
  repeat cycles {
    partition(a, b) for period / 2
    wait period / 2
  }
}

scenario "flapping link keeps order" {
  environment: sim
  tags: ["network"]
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
  }

  run {
    let load = inject(app.Ingest, rate: 200/s, for: 2m, key: "seq")
    at 10s: flap(dc1, dc2, cycles: 4, period: 6s) for 30s
    wait 2m
  }

  verify {
    expect lost(load, app.Results) == 0%
    expect ordered(app.Results, by: "seq") else "the flapping link reordered tuples"
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
