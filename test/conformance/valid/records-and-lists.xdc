// Lists and records as argument values, with quoted keys where a name will not do.
scenario "records and lists" {
  environment: sim
  tags: ["data"]
  timeout: 5m
  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  run {
    let load = inject(
      app.Ingest,
      rate: 100/s,
      for: 30s,
      key: "seq",
      schema: {region: "rstring", "qty": "int32"},
    )
    wait 30s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
