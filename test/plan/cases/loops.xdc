// `for … in`: each iteration is shown with the item it binds, and its statements after it.
scenario "rolling pause over the hosts of dc1" {
  timeout: 5m
  let app = application("Demo", bundle: "demo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1)
    submit(app, to: dc2, role: "standby")
  }
  run {
    for h in hosts(dc1) {
      pause(h) for 10s
      wait 15s
    }
    for dc in [dc1, dc2] {
      expect healthy(app, on: dc)
    }
    for _empty in [] {
      wait 1s
    }
  }
}
