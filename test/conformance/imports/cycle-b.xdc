// The other half of the cycle.
import "./cycle-a.xdc"                           // error[XDC2008]

fault cut_b(a: DC, b: DC) {
  partition(a, b) for 10s
}
