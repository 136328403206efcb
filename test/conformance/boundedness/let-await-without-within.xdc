// The same when the result is kept.
scenario "let await without within" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2)       // error[XDC4001]
  }

  verify {
    expect fo.rto <= 45s
  }
}
