// A failover has `rto`, `at`, `from`, `to` and `detected_by`.
scenario "unknown field" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, dc2) for 30s
    let fo = await failover(app, to: dc2) within 60s
  }

  verify {
    expect fo.rtoo <= 45s                       // error[XDC2005]
  }
}
