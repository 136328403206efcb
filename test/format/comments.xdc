// File header: kept at the top, with the blank line after it.

import "std/faults"   // trailing after an item
/* a block comment between items */ import "std/checks" as checks



/*
 * A multi-line block comment,
 * indented as written.
 */
scenario "comments everywhere" /* before the brace */ { // after the brace
  timeout: 10m // trailing after a setting

  tags: [
    "network", // after an item and its comma
    "smoke" /* before the missing comma */
    // dangling at the end of a list
  ]

  let app = application(/* before the first argument */ "Demo", bundle: "apps/Demo.sab" /* last */)

  setup {
    // leading, on its own line
    submit(app, to: dc1) /* trailing block */ // and a line after it
    /* before a statement, same line */ wait 5s
  }

  run {     // after the brace, spaces trimmed
    at 20s: // between the colon and the statement
      partition(dc1, dc2) for 30s
    at 30s { wait 1s; /* between statements on one line */ wait 2s }
    let x = (a /* inside parentheses, at the end */)
    let y = a + // inside an expression
      b
    wait /* between keyword and value */ 5s
    expect x == 1 else /* before the message */ "x is one"
    let empty = f(/* nothing to pass */)
    let none = [
      // nothing yet
    ]


    // two blank lines above became one
  }

  verify { /* only a comment */ }

  teardown {
    // only a line comment
  }
}

fault flap(a: DC /* first */, b: DC, // second
  period: Duration = 10s,) /* before the body */ {
  repeat 3 { partition(a, b) for period / 2; wait period / 2 } // after a nested block
}

environment lab { // environment
  dc dc1 { // datacenter
    streams: "https://dc1.example:8443/streams/rest" // endpoint
  }
}
// At the end of the file, after everything.
/* And one more. */
