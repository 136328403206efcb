// A check written in xdc bundles expectations for reuse.
check no_loss(load: Workload, sink: Endpoint) {
  expect lost(load, sink) <= 0.1%
  expect duplicates(load, sink) == 0
}

scenario "reusable check" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 90s, key: "seq")
    wait 90s
  }

  verify {
    no_loss(load, app.Results)
  }
}
