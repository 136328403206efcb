// Time series and baselines: sample, the figures of a series, throughout, baseline and `of`.
scenario "performance comes back after a partition" {
  environment: sim
  timeout: 5m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  // The whole run, every phase.
  let cpu = sample metric(job(app, on: dc1), "nCpuMilliseconds") every 5s

  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
  }

  steady {
    let _probe = inject(app.Ingest, rate: 200/s, for: 6s, key: "probe")
    let base = baseline throughput(app.Results, over: 4s)
    expect throughput(app.Results, over: 4s) >= 90% of base
  }

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 40s, key: "seq")
    let rate = sample throughput(app.Results, over: 1s) every 1s
    expect rate >= 10/s throughout else "the stream stopped"
    at 10s: partition(dc1, dc2) for 15s
    let fo = await failover(app, to: dc2) within 60s
    expect percentile(rate, 50%) >= 50% of 500/s
    expect mean(rate, over: 10s) >= 450/s
    expect fo.rto <= 45s and lost(load, app.Results) <= 0.1%
  }

  verify {
    expect cpu <= 5000 throughout run
    expect max(cpu) - min(cpu) <= 5000
  }
}
