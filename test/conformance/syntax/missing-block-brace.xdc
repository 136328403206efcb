// A phase block needs braces; the error is where the `{` should have been.
// known-issue: the error points at `run` ("not expected here") instead of at the token where `{` is missing
scenario "phase without braces" {
  timeout: 5m

  run
    wait 5s              // error[XDC1001]@5
  }
}
