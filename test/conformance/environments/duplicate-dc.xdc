// Two datacenters with one name: the second block was copied and not renamed.
environment lab {
  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
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

  dc dc2 {                                      // error[XDC2003]
    streams: "https://dc3-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC3_STREAMS_PASSWORD")
  }
}
