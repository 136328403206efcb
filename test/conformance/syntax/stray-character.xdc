// `!` is not negation in xdc (`not` is); the character is reported, and the rest of the
// line is still read.
scenario "stray character" {
  timeout: 5m

  verify {
    expect !ordered(app.Results, by: "seq")     // error[XDC1003]
  }
}
