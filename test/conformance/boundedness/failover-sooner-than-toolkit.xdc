// The toolkit settings the scenario submits with make dc2 declare dc1 down 3.6s to 6s after
// a fault (4 × 1.2s − 1.2s to 5 × 1.2s); an await of 3s can never see the failover. Exactly
// the shortest time is no warning, and neither is a survivor whose misses allowed are left
// to the deployment.
scenario "failover sooner than the toolkit can detect" {
  environment: sim
  timeout: 5m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, toolkit: {heartbeat: 1200ms, misses_allowed: 4})
    submit(app, to: dc2, role: "standby", toolkit: {heartbeat: 1200ms, misses_allowed: 4, init_delay: 0s})
  }

  run {
    at 5s: partition(dc1, dc2) for 30s
    await failover(app, to: dc2) within 3s          // warning[XDC4007] help "within 6s"
  }
}

scenario "failover awaited long enough" {
  environment: sim
  timeout: 5m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, toolkit: {heartbeat: 200ms, misses_allowed: 3})
    submit(app, to: dc2, role: "standby", toolkit: {heartbeat: 200ms, misses_allowed: 3})
  }

  run {
    at 5s: partition(dc1, dc2) for 30s
    await failover(app, to: dc2) within 400ms
  }
}

scenario "settings left to the deployment" {
  environment: sim
  timeout: 5m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1)
    submit(app, to: dc2, role: "standby", toolkit: {heartbeat: 1s})
  }

  run {
    at 5s: partition(dc1, dc2) for 30s
    await failover(app, to: dc2) within 1s
  }
}
