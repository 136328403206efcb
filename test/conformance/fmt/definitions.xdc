// A fault and a check with their doc comments, defaults and bodies.

// Cuts the link between two datacenters `cycles` times.
fault pulse(a: DC, b: DC, cycles: Number = 3, period: Duration = 10s) { repeat cycles { partition(a, b) for period / 2; wait period / 2 } }

// No tuple lost or doubled.
check exact(load: Workload, sink: Endpoint) { expect lost(load, sink) == 0%; expect duplicates(load, sink) == 0 }
