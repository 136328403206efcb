// Once an argument is named, the ones after it must be named too.
scenario "positional after named" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, "primary")               // error[XDC3011]
  }
}
