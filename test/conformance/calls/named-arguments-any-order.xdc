// Named arguments may come in any order, keywords included (`for:`).
scenario "named arguments in any order" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, role: "primary", to: dc1)
    submit(app, role: "standby", to: dc2)
  }

  run {
    let load = inject(app.Ingest, key: "seq", for: 90s, rate: 500/s)
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
