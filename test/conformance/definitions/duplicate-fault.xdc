// Two faults with one name in one file.
fault cut(a: DC, b: DC) {
  partition(a, b) for 10s
}

fault cut(a: DC, b: DC) {                       // error[XDC2003]
  partition(a, b) for 20s
}
