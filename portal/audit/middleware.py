"""The request being answered, for the records written where no request is at hand (a signal
about a row saved, a permission given): who acted and from which address."""

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_request", default=None)


def current_request():
    """The request this thread (or task) is answering, if any."""
    return _current_request.get()


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
