import "std/faults"
import "std/checks"

environment lab {
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC1_PASSWORD")
    hosts: [host("dc1-a", address: "10.0.1.1"), host("dc1-b", address: "10.0.1.2")]
  }
  dc dc2 {
    streams: "https://dc2.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_PASSWORD")
    hosts: [host("dc2-a", address: "10.0.2.1")]
  }
}

scenario "every statement" {
  environment: lab
  timeout: 10m

  let app = application("Demo", bundle: "demo.sab", sources: ["In"], sinks: ["Out"])

  setup {
    submit(app, to: dc1, role: "primary")
    collect(app.Out)
    await healthy(app, on: dc1) within 1m
  }

  run {
    let load = inject(app.In, rate: 100/s, for: 40s)
    at 5s: packet_loss(dc1, dc2, rate: 5%) for 10s
    every 10s for 30s {
      log("tick")
    }
    parallel {
      latency(dc1, dc2, delay: 100ms) for 5s
      wait 2s
    }
    let cut = partition(dc1, dc2)
    after cut: log("link restored")
    after load: log("load done")
    repeat 2 {
      wait 5s
    }
    revert(cut)
    flap(dc1, dc2, cycles: 2, period: 4s) for 8s
    await failover(app, to: dc2) within 30s as fo
  }

  verify {
    within_objectives(fo, load, app.Out, rto: 45s)
    expect duplicates(load, app.Out) == 0 else "tuples arrived twice"
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
