// A binding in a block that hides one of the scenario's is allowed, with a warning.
scenario "shadowing" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")

  run {
    let app = application("Other", bundle: "apps/Other.sab")    // warning[XDC2013]
    submit(app, to: dc1, role: primary)
  }
}
