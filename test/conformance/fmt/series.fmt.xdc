// Sampling, throughout, baselines and `of`, laid out carelessly.
scenario "series layout" {
  timeout: 5m
  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])
  let cpu = sample metric(app, "nCpuMilliseconds", on: dc1) every 2s
  steady {
    let _probe = inject(app.In, rate: 100/s, for: 5s)
    let base = baseline throughput(app.Out, over: 4s)
    expect throughput(app.Out, over: 4s) >= 90% of base
  }
  run {
    let rate = sample throughput(app.Out, over: 1s) every 1s
    expect rate >= 10/s throughout /* while run lasts */ else "stopped"
    wait 10s
    expect rate >= 5/s throughout run
    expect max(rate, over: 5s) <= 2 * (50% of 1000/s)
  }
  verify {
    expect cpu < 900 throughout run
  }
}
