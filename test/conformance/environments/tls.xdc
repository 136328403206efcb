// A deployment whose servers have certificates from a private CA: the environment trusts it
// for every datacenter, and dc2's servers also want a client certificate.
environment lab {
  ca_file: "certs/ca.pem"

  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    password: secret("DC1_STREAMS_PASSWORD")
  }

  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    password: secret("DC2_STREAMS_PASSWORD")
    client_cert: "certs/client.pem"
    client_key: "certs/client.key"
    insecure: false
  }
}
