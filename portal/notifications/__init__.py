"""The outbox and the email/SMS senders that deliver what it holds."""
