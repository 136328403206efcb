// The same named argument twice: which rate was meant?
scenario "duplicate named argument" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, rate: 600/s, for: 90s, key: "seq")   // error[XDC3007]
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
