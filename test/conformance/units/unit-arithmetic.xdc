// Unit arithmetic that is right: a rate times a duration is a count, a duration divided by
// a number is a duration, durations add up.
scenario "unit arithmetic" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    at 20s: partition(dc1, dc2) for 60s / 2
    wait 90s + 500ms
  }

  verify {
    expect duplicates(load, app.Results) <= 500/s * 90s / 100
    expect lost(load, app.Results) <= 0.1%
  }
}
