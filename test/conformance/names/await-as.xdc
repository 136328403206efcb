// `await … as NAME` names the result for later blocks.
scenario "await as" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, dc2) for 30s
    await failover(app, to: dc2) within 60s as fo
  }

  verify {
    expect fo.rto <= 45s
    expect fo.to == dc2
  }
}
