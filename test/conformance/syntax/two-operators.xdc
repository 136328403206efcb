// Two binary operators in a row: the second is where an operand was expected.
scenario "two operators in a row" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    expect lost(load, app.Results) <= * 0.1%     // error[XDC1001]@39
  }
}
