// A name the module does not define.
import "./lib/faults.xdc" as f

scenario "unknown imported name" {
  environment: sim
  timeout: 5m

  run {
    f.flip(dc1, dc2) for 1m                           // error[XDC2001]
  }
}
