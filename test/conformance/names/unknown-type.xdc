// Parameter types are the language's own: `DC`, not `Datacenter`.
fault cut_off(a: Datacenter, b: DC) {          // error[XDC2012]
  partition(a, b) for 10s
}
