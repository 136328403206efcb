// A binding in a block that hides one of the scenario's is allowed, with a warning.
scenario "shadowing" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary")
  }

  run {
    let app = application("Other", bundle: "apps/Other.sab", sources: ["In"], sinks: ["Out"])    // warning[XDC2013]
    submit(app, to: dc1, role: "primary")
  }
}
