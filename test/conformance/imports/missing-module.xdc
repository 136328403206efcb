// An import of a module that does not exist.
import "./faults/nonexistent.xdc"                // error[XDC2004]

scenario "missing module" {
  environment: sim
  timeout: 5m

  run {
    wait 5s
  }
}
