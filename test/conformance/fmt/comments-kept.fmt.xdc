/* A header block comment,
   over two lines. */
// Comments in every place a test author puts them: all of them survive fmt, in order.
import "std/faults" // the composite faults

scenario "comments everywhere" { // after the opening brace
  environment: sim // the twin
  timeout: 10m

  // before a binding
  let app = application(
    "FailoverDemo",
    bundle: "apps/FailoverDemo.sab",
    sources: ["Ingest"],
    sinks: ["Results"],
  )

  run {
    let load = inject(app.Ingest, /* how fast */ rate: 500/s, for: 90s)
    at 20s: flap(dc1, dc2) for 1m // flapping, not cut
    // a comment on a line of its own
    /* a block comment on a line of its own */
  }

  verify {
    expect lost(load, app.Results) <= 0.1%
  }
  // before the closing brace
}
// at the end of the file
