// Every parameter has a type.
fault cut(a, b: DC) {                           // error[XDC1001]
  partition(a, b) for 10s
}
