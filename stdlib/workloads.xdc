// Workload building blocks, written in xdc itself: `import "std/workloads"`.
// Schemas and rates to pass to `inject`, and load patterns used like faults: a burst of
// traffic is a fault the application must absorb.

// The tuples of the Cross-DC failover sample applications: an order with a quantity.
let orders = {
  orderId: "rstring",
  customer: "rstring",
  qty: "int32",
  price: "float64",
  placed: "timestamp",
}

// A sensor reading, as in the telemetry samples.
let readings = {sensor: "rstring", value: "float64", at: "timestamp"}

// A load most test applications sustain on the twin.
let steady_rate = 200/s

// Sends `rate` tuples per second into a source for `length`, on top of whatever else is
// sent: a traffic spike. Its tuples carry the key `burst_seq`, apart from the main workload's.
fault burst(endpoint: Endpoint, rate: Rate = 2000/s, length: Duration = 10s) {
  inject(endpoint, rate: rate, for: length, key: "burst_seq")
}

// Raises the load on a source from `start` to `peak` linearly over `length`: finds the rate
// at which the application starts to fall behind. Its tuples carry the key `ramp_seq`.
fault ramp_up(endpoint: Endpoint, start: Rate = 100/s, peak: Rate = 2000/s, length: Duration = 2m) {
  inject(endpoint, rate: ramp(start, peak, over: length), for: length, key: "ramp_seq")
}
