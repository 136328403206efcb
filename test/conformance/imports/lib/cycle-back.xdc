// Imported by ../import-cycle.xdc, and imports it back.
import "../import-cycle.xdc"                     // error[XDC2008]

fault cut_back(a: DC, b: DC) {
  partition(a, b) for 10s
}
