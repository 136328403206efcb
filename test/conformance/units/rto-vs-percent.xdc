// A recovery time is a duration, not a percentage.
scenario "rto compared with a percentage" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2) within 60s
  }

  verify {
    expect fo.rto <= 0.1%                       // error[XDC3003]
  }
}
