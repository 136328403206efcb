// Endpoints are the sources and sinks the application declares; a misspelt one gets a
// "did you mean".
scenario "unknown endpoint" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(load, app.Reslts) <= 0.1%       // error[XDC2006] help "`Results`"
  }
}
