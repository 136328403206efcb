// An environment file for a real two-datacenter deployment. Passwords are read from the
// environment at run time, never written here.
environment lab {
  ssh_key: "~/.ssh/id_ed25519"

  dc dc1 {
    streams: "https://dc1-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC1_STREAMS_PASSWORD")
    hosts: [host("dc1-a.example", ssh: "streams@dc1-a.example"), host("dc1-b.example", ssh: "streams@dc1-b.example")]
  }

  dc dc2 {
    streams: "https://dc2-mgmt.example:8443/streams/rest"
    instance: "StreamsInstance"
    user: "streamsadmin"
    password: secret("DC2_STREAMS_PASSWORD")
  }
}
