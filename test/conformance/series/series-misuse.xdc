// A series is every sample taken: it is judged sample by sample or reduced to one figure.
scenario "series misuse" {
  timeout: 5m
  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])
  let whole = sample metric(app, "nCpuMilliseconds", on: dc1) every 2s

  steady {
    let base = baseline throughput(app.Out, over: 5s)
  }

  run {
    let rate = sample throughput(app.Out, over: 1s) every 1s
    let name = sample "x" every 1s                 // error[XDC3002] warning[XDC2010]
    let never = sample rate every 0s               // error[XDC3002] error[XDC3013] warning[XDC2010]
    wait 30s
    expect rate >= 400/s                           // error[XDC3015] help "throughout"
    expect rate * 2 >= 400/s                       // error[XDC3015]
    expect whole >= 400 / 2 throughout
    expect throughput(app.Out) >= 90% of 500/s throughout // error[XDC3016]
    expect mean(rate) >= 90 of base                // error[XDC3001] help "90%"
    expect max(rate) >= 90% of 5s                  // error[XDC3003]
    expect max(whole, over: 10s) <= 5m             // error[XDC3001]
    expect percentile(rate, 101%) > 0/s            // error[XDC3013]
    expect max(base) > 0/s                         // error[XDC3002]
  }

  verify {
    let late = baseline lost(load, app.Out)        // error[XDC4006] error[XDC2001] warning[XDC2010]
  }

  teardown {
    let gone = sample metric(app, "n", on: dc1) every 1s // error[XDC4006] warning[XDC2010]
  }
}

fault heavy(app: Application, dc: DC) {
  let m = sample metric(app, "n", on: dc) every 1s    // error[XDC4006]
  expect m < 5 throughout
}
