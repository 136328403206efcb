// A lower-case L where the digit one belongs: `dcl` is close to `dc1`.
scenario "dcl for dc1" {
  environment: sim
  timeout: 5m

  run {
    at 20s: partition(dcl, dc2) for 30s         // error[XDC2002] help "`dc1`"
  }
}
