"""Fees: the gateway interface and registry, gateways, the payment ledger, receipts."""
