// Once an argument is named, the ones after it must be named too.
scenario "positional after named" {
  timeout: 5m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab")

  setup {
    submit(app, to: dc1, primary)               // error[XDC3011]
  }
}
