"""One module per intent: each handler takes the turn and returns (text, suggested actions)."""
