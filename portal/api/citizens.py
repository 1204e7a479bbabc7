"""What the citizen's app reads: a signed-in person's own applications and their timeline, and
the public status look-up by reference and PIN, with the page's equal answers and limit."""

from django.conf import settings
from django.utils import translation
from ninja import Field, Query, Router, Schema

from portal.applications.models import Application
from portal.applications.payments import fee_status
from portal.applications.selectors import (
    application_get_for_applicant,
    application_list_for_applicant,
    application_lookup,
    issued_result,
)
from portal.audit.services import access_refused
from portal.core.limits import rate_limit_allows
from portal.tracking.forms import StatusLookupForm
from portal.tracking.selectors import what_happens_next

from .auth import citizen
from .errors import ApiProblem, Problem
from .pagination import cursor_decode, cursor_encode, page_size
from .schemas import Language, LookupIn, OwnApplicationDetail, OwnApplicationPage

router = Router(tags=["citizens"])
NOT_FOUND = "No application has this reference code and PIN."


class OwnQuery(Schema):
    cursor: str | None = Field(None, max_length=200)
    limit: int | None = Field(None, ge=1, le=200)


def _own(application: Application) -> dict:
    return {
        "reference": application.reference,
        "status": application.status,
        "status_text": str(application.get_status_display()),
        "service_title": application.service_title,
        "submitted_at": application.submitted_at,
        "updated_at": application.updated_at,
    }


def _detail(application: Application, language: str) -> dict:
    events = (
        application.events.filter(visible_to_applicant=True)
        .select_related("to_stage")
        .order_by("created_at", "id")
    )
    return {
        **_own(application),
        "stage": application.stage.name_in(language) if application.stage_id else "",
        "next_step": str(
            what_happens_next(
                application=application,
                fee=fee_status(application=application),
                certificate=issued_result(application=application),
            )
        ),
        "timeline": [
            {
                "kind": event.kind,
                "title": str(event.get_kind_display()),
                "at": event.created_at,
                "stage": event.to_stage.name_in(language)
                if event.to_stage_id
                else event.to_stage_name,
                "message": event.message,
            }
            for event in events
        ],
    }


@router.get(
    "/me/applications",
    auth=citizen,
    response={200: OwnApplicationPage, frozenset({401, 422}): Problem},
    summary="My applications",
)
def my_applications(request, query: Query[OwnQuery]):
    """The signed-in person's applications (and their companies'), not drafts, the latest
    submitted first."""
    applications = application_list_for_applicant(user=request.user).exclude(
        status=Application.Status.DRAFT
    )
    start = 0
    if query.cursor:
        (start,) = cursor_decode(query.cursor, kinds=(int,))
    start = max(start, 0)
    size = page_size(query.limit)
    rows = list(applications.order_by("-submitted_at", "-pk")[start : start + size + 1])
    return {
        "results": [_own(row) for row in rows[:size]],
        "next_cursor": cursor_encode([start + size]) if len(rows) > size else None,
    }


@router.get(
    "/me/applications/{reference}",
    auth=citizen,
    response={200: OwnApplicationDetail, frozenset({401, 404, 422}): Problem},
    summary="One of my applications, with its timeline",
)
def my_application(request, reference: str, language: Language = "en"):
    application = application_get_for_applicant(user=request.user, reference=reference[:32])
    if application is None or application.status == Application.Status.DRAFT:
        raise access_refused(request, object_type="applications.application", reference=reference)
    with translation.override(language):
        return _detail(application, language)


@router.post(
    "/track",
    auth=None,
    response={200: OwnApplicationDetail, frozenset({400, 404, 422, 429}): Problem},
    summary="Status look-up by reference and PIN",
)
def track(request, payload: LookupIn, language: Language = "en"):
    """The page's look-up as JSON: a wrong reference and a wrong PIN get the same 404, and
    each address has the page's number of tries (shared with the page) in its window."""
    if not rate_limit_allows(
        request,
        scope="tracking-lookup",
        limit=settings.TRACKING_LOOKUP_LIMIT,
        window=settings.TRACKING_LOOKUP_WINDOW,
    ):
        raise ApiProblem(
            429,
            "Too many tries from this address: wait and try again.",
            headers={"Retry-After": str(settings.TRACKING_LOOKUP_WINDOW)},
        )
    with translation.override(language):
        form = StatusLookupForm({"reference": payload.reference, "pin": payload.pin})
        if not form.is_valid():
            errors = [
                {"field": field, "message": str(message)}
                for field, messages in form.errors.items()
                for message in messages
            ]
            raise ApiProblem(422, f"{errors[0]['field']}: {errors[0]['message']}", errors=errors)
        application = application_lookup(
            reference=form.cleaned_data["reference"], pin=form.cleaned_data["pin"]
        )
        if application is None or application.status == Application.Status.DRAFT:
            raise ApiProblem(404, NOT_FOUND)
        return _detail(application, language)
