// A string runs to the end of its line when its closing quote is missing; the next lines
// still parse.
scenario "unterminated string" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect ordered(app.Results, by: "seq") else "results out of order    // error[XDC1002]
    expect duplicates(load, app.Results) == 0
  }
}
