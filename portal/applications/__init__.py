"""The case file: Application, Document, Event, and the services that change them."""
