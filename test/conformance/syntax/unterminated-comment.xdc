// A block comment that is never closed swallows the rest of the file; the error points at
// its opening `/*`, not at the end of the file.
scenario "unterminated comment" {
  timeout: 5m

  run {
    wait 5s
  }
}

/* leftover notes from the run on the lab   // error[XDC1004]
scenario "never read" { }
