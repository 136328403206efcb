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
  }
}
