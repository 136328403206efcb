// TLS files are read when the file is checked: a wrong path or the wrong file shows here, not
// in the middle of a run.
environment lab {
  ca_file: "certs/missing-ca.pem"                 // error[XDC5005] help "relative to this environment file"

  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    ca_file: "certs/client.key"                   // error[XDC5006]
  }

  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    client_cert: "certs/client.pem"
    client_key: "certs/client.pem"                // error[XDC5006] help "unencrypted private key"
    insecure: "no"                                // error[XDC3002]
  }
}
