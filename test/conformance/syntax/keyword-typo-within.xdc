// A misspelt keyword inside a statement would read as two statements; it is one error.
scenario "within typo" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, role: "primary")
    await healthy(app, on: dc1) wihin 2m   // error[XDC1001]@33 help "`within`"
  }
}
