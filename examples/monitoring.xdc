// Reference scenario 7: monitoring through a failover.
//
// Proves that while dc1 is cut off from dc2 and dc2 takes over, both Streams instances stay up
// as their own monitoring reports them (a Prometheus query sampled every half second, held for
// the whole of `run`), dc2's instance keeps its processing elements running as its JMX says
// (through its Jolokia agent), and the throughput after the failover comes back to at least
// 80% of the baseline measured before it. On the embedded twin, `xdc exec` starts Debian's
// Prometheus over the twin's metrics because this file queries it (apt-get install prometheus).

scenario "instances stay up and throughput comes back through a partition" {
  tags: ["monitoring", "network"]
  environment: sim
  timeout: 6m

  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
    await healthy(app, on: dc2) within 2m
    // Prometheus has scraped both datacenters since they came up
    await promql("count(streams_instance_up == 1)") == 2 within 30s
  }

  steady {
    // measured before `run`, kept for the second run of `steady` after `verify`
    let _probe = inject(app.Ingest, rate: 200/s, for: 3s, key: "probe")
    let base = baseline throughput(app.Results, over: 2s)
    expect throughput(app.Results, over: 2s) >= 80% of base else "throughput did not come back"
  }

  run {
    let load = inject(app.Ingest, rate: 500/s, for: 12s, key: "seq")
    let up = sample promql("sum(streams_instance_up)") every 500ms
    let running = sample jmx(
      "com.ibm.streams.management:type=instance,name=dc2",
      "RunningPeCount",
      on: dc2,
    ) every 1s
    at 3s: partition(dc1, dc2) for 6s
    let fo = await failover(app, to: dc2) within 30s
    expect up == 2 throughout run else "an instance went down during the partition"
    expect running >= 1 throughout run else "dc2 lost its processing elements"
  }

  verify {
    expect fo.rto <= 45s else "dc2 took too long to take over"
    expect lost(load, app.Results) <= 0.1%
    expect jmx("com.ibm.streams.management:type=instance,name=dc2", "Up", on: dc2) == 1
    expect promql_range("sum(streams_instance_up)", over: 5s, take: "min") == 2
    expect min(running) >= 1
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
