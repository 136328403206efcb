// Two modules that import each other.
import "./cycle-b.xdc"                           // error[XDC2008]

fault cut_a(a: DC, b: DC) {
  partition(a, b) for 10s
}
