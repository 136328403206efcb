// Comparisons do not chain: `a < b < c` compares a condition with a duration.
scenario "comparison chain" {
  timeout: 5m
  run {
    expect 1s < 2s < 3s      // error[XDC3004]@20
  }
}
