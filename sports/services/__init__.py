"""Sports services: what other apps call (see docs/architecture.md, "sports → chat, accounts")."""
