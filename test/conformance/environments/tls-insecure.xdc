// Certificate checks off for a test system: allowed, never quietly.
environment staging {
  insecure: true                                  // warning[XDC5008] help "ca_file"

  dc dc1 {
    streams: "https://dc1-staging.example:8443/streams/rest"
    instance: "StreamsInstance"
  }

  dc dc2 {
    streams: "https://dc2-staging.example:8443/streams/rest"
    instance: "StreamsInstance"
    insecure: false
  }
}
