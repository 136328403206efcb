// A cross-datacenter test needs at least two datacenters.
environment lab {                               // error[XDC5004]
  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_STREAMS_PASSWORD")
  }
}
