// A misspelt binding gets a "did you mean".
scenario "unknown name" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(laod, app.Results) <= 0.1%      // error[XDC2001] help "`load`"
  }
}
