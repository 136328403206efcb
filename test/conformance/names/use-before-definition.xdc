// A binding exists from its `let` on; setup runs before run.
scenario "used before its let" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    expect lost(load, app.Results) <= 0.1%      // error[XDC2001]
  }

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
