"""Errors as ``application/problem+json`` (RFC 9457): a status, a title, a ``detail`` that says
what to change, and for bad input the fields at fault (``errors``)."""

import json
from http import HTTPStatus

from django.http import Http404, HttpResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM = "application/problem+json"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """What went wrong."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
    current_version: int | None = None


class ApiProblem(Exception):
    """An answer other than success, raised anywhere in an endpoint."""

    def __init__(self, status: int, detail: str, *, headers: dict | None = None, **extra):
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers or {}, extra


def problem_response(status: int, detail: str, *, headers: dict | None = None, **extra):
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body["detail"] = detail
    body.update({key: value for key, value in extra.items() if value is not None})
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field(location) -> str:
    """A pydantic error's place as the client wrote it: ``version``, ``limit`` (not
    ``body.payload.version``)."""
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in ("payload", "filters", "data"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def _validation_error(request, exc: ValidationError):
    errors = [
        {"field": _field(error.get("loc", ())), "message": str(error.get("msg", "Invalid."))}
        for error in exc.errors
    ]
    first = errors[0] if errors else {"field": "body", "message": "Invalid."}
    detail = f"{first['field']}: {first['message']}"
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more)"
    return problem_response(422, detail, errors=errors)


def problem_handlers(api) -> None:
    """Make every error of ``api`` a problem."""

    @api.exception_handler(ApiProblem)
    def _problem(request, exc: ApiProblem):
        return problem_response(exc.status, exc.detail, headers=exc.headers, **exc.extra)

    @api.exception_handler(ValidationError)
    def _invalid(request, exc: ValidationError):
        return _validation_error(request, exc)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return problem_response(
            401,
            "Send a valid API key as 'Authorization: Bearer <key>' (or sign in, for a "
            "citizen's own applications).",
            headers={"WWW-Authenticate": 'Bearer realm="onedoor"'},
        )

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem_response(404, "Not found, or not yours to see.")
