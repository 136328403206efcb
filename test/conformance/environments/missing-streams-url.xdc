// xdc needs each datacenter's Streams REST endpoint.
environment lab {
  dc dc1 {                                      // error[XDC5001]
    instance: "StreamsInstance"
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
