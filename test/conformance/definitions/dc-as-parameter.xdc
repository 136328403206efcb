// `dc` is a keyword only inside environments, so it can name a parameter.
fault isolate(dc: DC, period: Duration = 30s) {
  partition(dc, dc2) for period
}
