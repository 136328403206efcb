// What a plan says about sampled series, `throughout` checks and baselines: what would be sampled, how often and until when; what would be judged live.
scenario "series in a plan" {
  environment: sim
  timeout: 5m

  let app = application("Demo", bundle: "demo.sab", sources: ["In"], sinks: ["Out"])
  let cpu = sample metric(app, "nCpuMilliseconds", on: dc1) every 5s

  steady {
    let _probe = inject(app.In, rate: 100/s, for: 4s)
    let base = baseline throughput(app.Out, over: 3s)
    expect throughput(app.Out, over: 3s) >= 90% of base
  }

  run {
    let rate = sample throughput(app.Out, over: 1s) every 1s
    expect rate >= 50/s throughout
    wait 20s
    expect max(rate, over: 10s) <= 200/s
  }

  verify {
    expect cpu < 900 throughout run
  }
}
