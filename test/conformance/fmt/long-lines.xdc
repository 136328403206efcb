// Calls and lists too long for one line are broken one argument per line.
scenario "long lines" {
  environment: sim
  timeout: 10m
  tags: ["network", "nightly", "partition", "failover", "data-loss", "ordering", "duplicates"]

  let app = application("TradeCapture", bundle: "apps/TradeCapture.sab", sources: ["Orders", "Quotes"], sinks: ["Fills", "Audit"])

  run {
    let load = inject(app.Orders, rate: 2000/s, for: 3m, key: "seq", schema: {orderId: "rstring", qty: "int32", price: "float64"})
    at 20s: partition(dc1, dc2) for 45s
  }

  verify {
    expect lost(load, app.Fills) <= 0.1% else "orders were lost while the standby took over, which the toolkit must not allow"
  }
}
