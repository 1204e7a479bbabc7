"""Users (custom from the first migration), company profiles, allauth adapters, MFA policy."""
