// A client certificate for every datacenter, but its key in only one of them: reported once,
// where the certificate is written.
environment lab {
  client_cert: "certs/client.pem"                 // error[XDC5007] help "client_key"

  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    client_key: "certs/client.key"
  }

  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
  }

  dc dc3 {
    streams: "https://dc3-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
  }
}
