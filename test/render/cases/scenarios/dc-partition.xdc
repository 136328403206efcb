import "envs/lab.xdc"

scenario "DC1 partition fails over to DC2 within 45s" {
  timeout: 10m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")

  setup {
    submit(app, to: dc1, role: primary)
    submit(app, to: dc2, role: standby)
    await healthy(app, on: dc1) within 2m
  }

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    at 20s: partition(dc1, dc_2) for 30s
    let fo = await failover(app, to: dc2)
  }

  verify {
    expect fo.rto <= 45s
    expect lost(load, app.Results) <= 5s
  }
}
