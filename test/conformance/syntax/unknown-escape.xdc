// `\d` is not an escape xdc knows; the help lists the ones it does.
scenario "unknown escape" {
  timeout: 5m

  verify {
    expect true else "results in C:\data were lost"   // error[XDC1005]
  }
}
