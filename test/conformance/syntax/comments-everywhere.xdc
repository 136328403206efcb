/* A header comment. */
// Comments may stand between any two tokens.
scenario /* name: */ "comments everywhere" {   // trailing
  tags: /* the usual */ ["smoke"]
  timeout: 5m // the whole scenario

  run {
    at /* twenty seconds in */ 20s: partition(dc1, /* and */ dc2) for 30s
    // a comment on a line of its own
  }
  /* a comment
     over lines */
}
