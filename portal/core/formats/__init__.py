"""Number and date formats for the languages Django does not cover the way the centres write."""
