// The file ends inside the scenario: the error sits just after the last token, not at NaN.
scenario "cut short" {
  timeout: 5m

  run {
    at 10s: partition(dc1, dc2) for 30s
  }                                    // error[XDC1001]
