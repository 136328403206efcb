// A module of faults that other cases import.

// Cuts the link between two datacenters for `period`, `cycles` times.
fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 10s) {
  repeat cycles { partition(a, b) for period / 2; wait period / 2 }
}
