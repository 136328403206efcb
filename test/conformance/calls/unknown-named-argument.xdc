// A misspelt argument name gets a "did you mean".
// known-issue: the misspelt argument is also reported as a missing `rate`
scenario "unknown named argument" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rat: 500/s, for: 90s, key: "seq")    // error[XDC2011] help "`rate`"
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
}
