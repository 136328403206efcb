// Found by pushing the nesting property of test/properties/front-end.test.ts past 100
// levels: parse() used to exhaust the stack from about 150 nested parentheses and throw.
// Nobody writes this by hand; generated scenarios and an editor's half-typed input can.
// Past 128 levels it is one XDC1011 at the bracket where it gets too deep, not a crash.
scenario "deeply nested expression" {
  timeout: 5m

  run {
    wait ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1s))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))  // error[XDC1011]
  }
}
