"""Errors under /api/ are problem+json whoever answers: an address no endpoint has (Django's
404), a method an endpoint does not take (ninja's 405), an error of ours (500, logged as
Django logs it, with no traceback in the answer)."""

import logging
import sys
from http import HTTPStatus

from django.conf import settings
from django.core.signals import got_request_exception

from .errors import PROBLEM, problem_response

logger = logging.getLogger("django.request")
PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
DETAILS = {
    404: "Not found: see /api/schema/ for the addresses of this API.",
    405: "This address does not take this method (see the Allow header).",
    500: "Something went wrong on our side; it is logged. Try again later.",
}


class ApiProblemMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path_info.startswith(PREFIX)
            or response.status_code < 400
            or (settings.DEBUG and response.status_code == 500)  # the traceback, for developers
            or response.get("Content-Type", "").startswith((PROBLEM, "application/json"))
        ):
            return response
        status = response.status_code
        detail = DETAILS.get(status) or HTTPStatus(status).phrase
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        return problem_response(status, detail, headers=headers)

    def process_exception(self, request, exception):
        if settings.DEBUG or not request.path_info.startswith(PREFIX):
            return None
        got_request_exception.send(sender=None, request=request)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
        return problem_response(500, DETAILS[500])
