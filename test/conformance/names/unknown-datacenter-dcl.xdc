// A lower-case L where the digit one belongs: `dcl` is close to `dc1`.
scenario "dcl for dc1" {
  timeout: 5m

  run {
    at 20s: partition(dcl, dc2) for 30s         // error[XDC2002]
  }
}
