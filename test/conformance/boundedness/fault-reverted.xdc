// A fault kept in a `let` and reverted explicitly is bounded.
scenario "fault reverted" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let cut = partition(dc1, dc2)
    let fo = await failover(app, to: dc2) within 60s
    revert(cut)
  }

  verify {
    expect fo.rto <= 45s
  }
}
