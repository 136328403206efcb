// Keywords are reserved: a binding cannot be called `run`. One mistake, one diagnostic.
scenario "keyword as a name" {
  timeout: 5m

  run {
    let run = 3           // error[XDC1001]@9
    wait 1s
  }
}
