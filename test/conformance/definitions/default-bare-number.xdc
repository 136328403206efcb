// A default must have the parameter's unit.
fault pulse(a: DC, b: DC, period: Duration = 10) {    // error[XDC3001]
  partition(a, b) for period
}
