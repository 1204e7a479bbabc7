"""Wagtail pages and snippets: home, sectors, service pages."""
