// List types are written in brackets.
fault cut_all(pairs: [[DC]], period: Duration) {
  partition(pairs[0][0], pairs[0][1]) for period
}
