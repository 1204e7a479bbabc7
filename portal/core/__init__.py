"""Small shared primitives: reference codes, money, working days, audit log.

Imports nothing of ours.
"""
