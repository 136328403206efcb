// `dc` starts a datacenter only when a name follows; here it is read as a setting key and
// the missing colon is the error.
environment lab {
  dc {                                          // error[XDC1001]
    streams: "https://dc1-mgmt.example:8443/streams/rest"
  }
}
