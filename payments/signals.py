"""How the ledger tells the rest of the portal that a payment moved.

Sent inside the transaction that moved it, so a receiver's own writes (an Event, an outbox
row) commit or roll back with it; anything sent outside goes through the outbox after commit.
"""

from django.dispatch import Signal

# kwargs: payment, from_status, to_status
payment_status_changed = Signal()
