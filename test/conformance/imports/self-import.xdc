// A file that imports itself is the smallest cycle.
import "./self-import.xdc"                       // error[XDC2008]

fault cut(a: DC, b: DC) {
  partition(a, b) for 10s
}
