"""The officer back office inside the Wagtail admin: queues and actions on applications."""
