// Found by pushing the nesting property of test/properties/front-end.test.ts past 100
// levels: deep enough nesting exhausts the stack, and parse(), which promises to be total,
// throws instead of returning diagnostics. Nobody writes this by hand; generated scenarios
// and an editor's half-typed input can.
// known-issue: parse throws RangeError (call stack exceeded) from about 150 nested parentheses
scenario "deeply nested expression" {
  timeout: 5m

  run {
    wait ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1s))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
  }
}
