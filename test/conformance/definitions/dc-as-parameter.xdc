// `dc` is a keyword only inside environments, so it can name a parameter.
fault cut_off(dc: DC, from: DC, period: Duration = 30s) {
  partition(dc, from) for period
}
