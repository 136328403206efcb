// Keywords are reserved: a binding cannot be called `run`. One mistake, one diagnostic.
// known-issue: recovery closes the run block early, so the scenario's last `}` is reported too
scenario "keyword as a name" {
  timeout: 5m

  run {
    let run = 3           // error[XDC1001]
    wait 1s
  }
}
