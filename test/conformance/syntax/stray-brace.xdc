// A `}` too many is reported at itself, not where the file stops making sense.
scenario "stray brace" {
  timeout: 5m
  run {
    wait 1s
  }}                        // error[XDC1001]@4
  verify {
    expect true
  }
}
