// A misspelt environment name gets a "did you mean" among those declared or imported.
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
}

scenario "unknown environment" {
  environment: labb          // error[XDC2007] help "`lab`"
  timeout: 5m

  run {
    wait 5s
  }
}
