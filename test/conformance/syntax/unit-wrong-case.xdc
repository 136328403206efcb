// Unit suffixes are case-sensitive (`m` is minutes, `M` nothing); a suffix that differs
// only in case gets the right spelling as its fix.
scenario "unit in the wrong case" {
  timeout: 10M          // error[XDC1006]

  run {
    wait 250MS          // error[XDC1006]
  }
}
