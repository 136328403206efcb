// Half-typed text, as an editor sends it on every keystroke: an index left open in a
// definition that is not closed yet. Both mistakes are reported and the scenario below is
// still read.
// known-issue: the fault's missing `}` is reported at the end of the file, and the scenario it swallowed is skipped without a word
fault pulse(a: DC, b: DC, gaps: [Duration]) {
  partition(a, b) for 10s
  wait gaps[ .                          // error[XDC1001]@14

scenario "half-typed definition above" {  // error[XDC1001]
  timeout: 5m
}
