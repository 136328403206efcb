// A phase block needs braces; the error is where the `{` should have been.
scenario "phase without braces" {
  timeout: 5m

  run
    wait 5s              // error[XDC1001]@5
  }
}
