// `!` is not negation in xdc (`not` is); the character is reported, and the rest of the
// line is still read.
scenario "stray character" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect !ordered(app.Results, by: "seq")     // error[XDC1003]
    expect lost(load, app.Results) <= 0.1%
  }
}
