// `dc` starts a datacenter only when a name follows it; without one, neither a datacenter
// nor a setting can start here.
environment lab {
  dc {                                          // error[XDC1001]
    streams: "https://dc1-mgmt.example:8443/streams/rest"
  }
}
