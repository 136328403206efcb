// A misspelt datacenter setting gets a "did you mean".
// known-issue: the misspelt setting is also reported as a missing `instance`
environment lab {
  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instanse: "StreamsInstance"                  // error[XDC5003] help "`instance`"
    user: "streamsadmin"
    password: secret("DC1_STREAMS_PASSWORD")
  }

  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_STREAMS_PASSWORD")
  }
}
