"""WSGI entry point: `gunicorn portal.wsgi`.

What loading the portal makes (its apps, Wagtail's and Django's code, URL patterns, settings:
about 200,000 objects) lives as long as the process, so it is moved out of the garbage
collector's sight (``gc.freeze``): a full collection then walks only what requests made since,
instead of pausing every thread of the worker for a seventh of a second, which was the slowest
tenth of the officers' queue.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()
gc.freeze()
