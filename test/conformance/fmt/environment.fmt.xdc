// An environment file in the canonical layout: one setting per line, lists of hosts broken
// one per line when long.
environment lab {
  ssh_key: "~/.ssh/id_ed25519"
  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC1_STREAMS_PASSWORD")
    hosts: [
      host("dc1-a", address: "10.1.0.11", ssh: "streams@dc1-a.example:22"),
      host("dc1-b", address: "10.1.0.12", ssh: "streams@dc1-b.example:22"),
    ]
  }
  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_STREAMS_PASSWORD")
  }
}
