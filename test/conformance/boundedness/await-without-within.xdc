// An await without `within` could wait forever; the help adds a bound to fill in.
scenario "await without within" {
  environment: sim
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  run {
    at 20s: partition(dc1, dc2) for 30s
    await failover(app, to: dc2)                // error[XDC4001] help "within"
  }
}
