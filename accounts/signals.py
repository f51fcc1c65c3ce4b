"""What accounts announces to the apps above it (they subscribe in their AppConfig.ready()).

Accounts sits below chat, so it cannot call chat; it sends a signal and chat answers it.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by `accounts.services.claim_guest(user=..., guest_id=...)`; each receiver moves what the guest
# owned in its app to the user and returns how many things it moved.
guest_claimed = Signal()
