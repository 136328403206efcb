// A comma after the last argument, list item or record field is allowed, so that lists
// split over lines diff cleanly.
scenario "trailing commas" {
  tags: [
    "network",
    "smoke",
  ]
  timeout: 5m
  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results",],
  )

  setup {
    submit(app, to: dc1, role: "primary",)
  }
}
