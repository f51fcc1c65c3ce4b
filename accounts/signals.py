"""What accounts announces to the apps above it (they subscribe in their AppConfig.ready()).

Accounts sits below chat, so it cannot call chat; it sends a signal and chat answers it.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent by `accounts.services.claim_guest(user=..., guest_id=...)`; each receiver moves what the guest
# owned in its app to the user and returns how many things it moved. Sent twice per claim (in its transaction,
# and once more after the commit, for what a racing turn stored meanwhile): a receiver moves what is still the guest's.
guest_claimed = Signal()
