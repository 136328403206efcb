// Semicolons separate statements on one line and are optional elsewhere.
scenario "semicolons" {
  tags: ["smoke"]; timeout: 5m;

  run {
    wait 1s; wait 2s;
    at 3s { wait 1s; wait 1s }
  }
}
