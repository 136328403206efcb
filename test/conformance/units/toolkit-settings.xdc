// `submit`'s toolkit settings are typed: durations are durations, counts whole numbers, the
// mode one of two words, and a field the toolkit does not have is named with its neighbour.
scenario "toolkit settings" {
  environment: sim
  timeout: 5m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, toolkit: {heartbeat: 200})          // error[XDC3001] help "200s"
    submit(app, to: dc2, role: "standby", toolkit: {
      misses_allowed: 2.5,                                    // error[XDC3013]
      heartbeet: 1s,                                          // error[XDC2005] help "heartbeat"
      init_delay: "0",                                        // error[XDC3002]
      mode: "pasive",                                         // error[XDC3013] help "passive"
      snapshot_interval: 0ms,
    })
    submit(app, to: dc1, toolkit: {heartbeat: 0ms})          // error[XDC3013]
  }
}
