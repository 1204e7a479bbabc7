"""Applications for registered clients: the list (filters, changes since, a stable cursor),
one application with its answers, documents, payments and events, a document's file, and the
actions of its stage, taken through the officers' own functions and rules."""

import datetime
import uuid

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Field as NinjaField
from ninja import Header, Query, Router, Schema
from wagtail.models import Page

from payments.selectors import payments_for_application
from portal.applications import workflow
from portal.applications.answers import answer_display, document_labels, schema_in_language
from portal.applications.models import Application, Event
from portal.applications.selectors import (
    application_list_for_officer,
    document_get_for_user,
    issued_result,
)
from portal.audit.models import AuditRecord
from portal.audit.services import access_refused, audit_record
from portal.core.addresses import page_address
from portal.core.http import private_file_response
from portal.review.actions import ACTIONS, available_actions

from .auth import client_key, require_scope
from .errors import ApiProblem, Problem, problem_response
from .models import Scope
from .pagination import page_by_change, page_by_id
from .schemas import (
    ActionIn,
    ActionName,
    ApplicationDetail,
    ApplicationPage,
    ApplicationStatus,
    EventPage,
    Language,
)
from .services import (
    idempotent_answer_get,
    idempotent_answer_keep,
    request_fingerprint,
)

router = Router(tags=["applications"], auth=client_key)

READ_ERRORS = frozenset({401, 403, 404, 422, 429})
WRITE_ERRORS = frozenset({400, 401, 403, 404, 409, 422, 429})
REFERENCE = r"^[A-Za-z0-9-]{1,32}$"


class ApplicationFilters(Schema):
    office: int | None = NinjaField(None, ge=1, description="Responsible office's id.")
    service: int | None = NinjaField(None, ge=1, description="A service page's id (any language).")
    status: ApplicationStatus | None = None
    stage: int | None = NinjaField(None, ge=1, description="A stage's id.")
    updated_since: datetime.datetime | None = NinjaField(
        None, description="Only those changed at or after this time (ISO 8601 with a zone)."
    )
    cursor: str | None = NinjaField(None, max_length=200)
    limit: int | None = NinjaField(None, ge=1, le=200, description="Rows per page (at most 200).")


def visible_applications(request):
    """The applications the client's account may read, by the officers' rule (the offices it
    serves, the stages of those offices, what was referred to them)."""
    require_scope(request, Scope.APPLICATIONS_READ)
    return application_list_for_officer(user=request.user).select_related("stage")


def application_or_refused(request, reference: str) -> Application:
    """The application if the client may see it; a 404 recorded on the audit trail
    otherwise (another office's application and one that does not exist answer alike)."""
    application = (
        visible_applications(request)
        .select_related("stage", "office", "referred_to", "assignee")
        .filter(reference=reference)
        .first()
    )
    if application is None:
        raise access_refused(request, object_type="applications.application", reference=reference)
    return application


def summary(application: Application) -> dict:
    stage = application.stage
    return {
        "reference": application.reference,
        "status": application.status,
        "stage": {"id": stage.pk, "name": stage.name, "kind": stage.kind} if stage else None,
        "service_id": application.service_page_id,
        "service_title": application.service_title,
        "office_id": application.office_id,
        "referred_to_id": application.referred_to_id,
        "channel": application.channel,
        "language": application.language,
        "submitted_at": application.submitted_at,
        "updated_at": application.updated_at,
        "due_date": application.due_date,
        "version": application.version,
    }


def answers(application: Application, language: str) -> list[dict]:
    """Each answer with the label of the form it was made with, in ``language`` where the
    snapshot kept it."""
    schema = schema_in_language(application.form_schema, language)
    rows = []
    for step in schema.get("steps", []):
        for field in step.get("fields", []):
            name = field.get("name")
            if not name or name not in application.answers or field.get("type") == "file_upload":
                continue
            value = application.answers[name]
            rows.append(
                {
                    "step": step.get("title", ""),
                    "name": name,
                    "label": field.get("label", name),
                    "value": value,
                    "text": answer_display(field, value),
                }
            )
    return rows


def result(application: Application) -> dict | None:
    """The result in force (the certificate or licence issued, not revoked): its code, its
    dates and the public page where anyone checks it."""
    certificate = issued_result(application=application)
    if certificate is None:
        return None
    with translation.override(application.language):
        verify = page_address(application.service_page) + reverse("verify", args=[certificate.code])
    return {
        "code": certificate.code,
        "issued_at": certificate.issued_at,
        "valid_until": certificate.valid_until,
        "verify": verify,
    }


def detail(request, application: Application, language: str) -> dict:
    labels = document_labels(application=application, language=language)
    snapshot = application.fee_snapshot or {}
    return {
        **summary(application),
        "fee": {
            "currency": snapshot.get("currency", ""),
            "total": snapshot.get("total"),
            "lines": [
                {
                    "label": line.get("label", ""),
                    "amount": line["amount"],
                    "text": text["text"],
                }
                for line, text in zip(
                    snapshot.get("lines", []), application.fee_lines, strict=False
                )
            ],
        },
        "answers": answers(application, language),
        "documents": [
            {
                "id": document.pk,
                "field_name": document.field_name,
                "label": labels.get(document.field_name, document.field_name),
                "original_name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "uploaded_at": document.uploaded_at,
                "download": f"/api/v1/documents/{document.pk}",
            }
            for document in application.documents.all()
        ],
        "payments": [
            {
                "id": payment.pk,
                "amount": payment.amount,
                "currency": payment.currency,
                "status": payment.status,
                "method": payment.gateway,
                "receipt_number": payment.receipt_number,
                "refunded_amount": payment.refunded_amount,
                "created_at": payment.created_at,
                "paid_at": payment.paid_at,
            }
            for payment in payments_for_application(application_id=application.pk)
        ],
        "personal_data_removed_at": application.personal_data_purged_at,
        "result": result(application),
        "actions": [
            name
            for name, _label in available_actions(user=request.user, application=application)
            if name in API_ACTIONS
        ]
        if request.auth.has_scope(Scope.APPLICATIONS_WRITE)
        else [],
    }


@router.get(
    "/applications",
    response={200: ApplicationPage, READ_ERRORS: Problem},
    summary="List applications",
)
def application_list(request, filters: Query[ApplicationFilters]):
    """The applications of the client's offices, in the order they last changed: give
    ``updated_since`` once, then follow ``next_cursor`` to sync incrementally."""
    applications = visible_applications(request)
    if filters.office:
        applications = applications.filter(office_id=filters.office)
    if filters.service:
        keys = Page.objects.filter(pk=filters.service).values("translation_key")
        applications = applications.filter(
            service_page__in=Page.objects.filter(translation_key__in=keys)
        )
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.stage:
        applications = applications.filter(stage_id=filters.stage)
    if filters.updated_since:
        if filters.updated_since.tzinfo is None:
            raise ApiProblem(
                422,
                "updated_since: give a time zone (such as 2026-12-01T00:00:00Z).",
                errors=[{"field": "updated_since", "message": "A time zone is needed."}],
            )
        applications = applications.filter(updated_at__gte=filters.updated_since)
    rows, next_cursor = page_by_change(applications, cursor=filters.cursor, limit=filters.limit)
    return {"results": [summary(row) for row in rows], "next_cursor": next_cursor}


@router.get(
    "/applications/{reference}",
    response={200: ApplicationDetail, READ_ERRORS: Problem},
    summary="One application",
)
def application_get(request, reference: str, language: Language = "en"):
    """With its answers (labelled as in the form it was made with, in ``language``), its
    documents, its payments and the actions this client may take on it now. Never its
    PIN, nor the officers' internal notes."""
    application = application_or_refused(request, reference)
    audit_record(
        action=AuditRecord.Action.APPLICATION_OPENED,
        request=request,
        object_type="applications.application",
        object_id=application.pk,
        reference=application.reference,
        application_id=application.pk,
        detail="API",
    )
    return detail(request, application, language)


class EventQuery(Schema):
    cursor: str | None = NinjaField(None, max_length=200)
    limit: int | None = NinjaField(None, ge=1, le=200)


@router.get(
    "/applications/{reference}/events",
    response={200: EventPage, READ_ERRORS: Problem},
    summary="An application's history",
)
def application_events(request, reference: str, query: Query[EventQuery]):
    """What happened to it, oldest first: kinds, times, statuses and stages, and what the
    applicant was told. Officers' internal notes are not given."""
    application = application_or_refused(request, reference)
    events, next_cursor = page_by_id(
        Event.objects.filter(application=application), cursor=query.cursor, limit=query.limit
    )
    return {
        "results": [
            {
                "id": event.pk,
                "kind": event.kind,
                "at": event.created_at,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "from_stage": event.from_stage_name,
                "to_stage": event.to_stage_name,
                "message": event.message if event.visible_to_applicant else "",
                "visible_to_applicant": event.visible_to_applicant,
            }
            for event in events
        ],
        "next_cursor": next_cursor,
    }


@router.get(
    "/documents/{document_id}",
    response={200: None, READ_ERRORS: Problem},
    summary="Download a document",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment.",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def document_download(request, document_id: str):
    """The file, with the checks of the admin's download: the client's account must see
    the application. Recorded on the audit trail."""
    require_scope(request, Scope.APPLICATIONS_READ)
    require_scope(request, Scope.DOCUMENTS_READ)
    try:
        wanted = uuid.UUID(document_id)
    except ValueError:
        raise access_refused(
            request, object_type="applications.document", object_id=document_id[:64]
        ) from None
    document = document_get_for_user(user=request.user, document_id=wanted)
    if document is None:
        raise access_refused(request, object_type="applications.document", object_id=wanted)
    audit_record(
        action=AuditRecord.Action.DOCUMENT_DOWNLOADED,
        request=request,
        object_type="applications.document",
        object_id=document.pk,
        reference=document.application.reference,
        application_id=document.application_id,
        detail=f"API; {document.field_name}; {document.content_type}",
    )
    return private_file_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )


# --- acting ------------------------------------------------------------------------------------

API_ACTIONS = set(ActionName.__args__)


def _form_data(payload: ActionIn) -> dict:
    data = {"version": str(payload.version), "note": payload.note, "message": payload.message}
    if payload.office_id is not None:
        data["office"] = str(payload.office_id)
    if payload.days is not None:
        data["days"] = str(payload.days)
    if payload.valid_until is not None:
        data["valid_until"] = payload.valid_until.isoformat()
    return data


_FIELD_NAMES = {"office": "office_id"}


def act(request, application: Application, name: str, payload: ActionIn) -> dict:
    """Take ``name`` as the officers' page does: the same form checks what is required, the
    same workflow function acts, by compare-and-set on the version."""
    available = {n for n, _label in available_actions(user=request.user, application=application)}
    if name not in available:
        raise ApiProblem(
            409,
            f"'{name}' is not possible now: it is {application.status} at "
            f"{application.stage.name if application.stage_id else 'no stage'}; possible: "
            f"{', '.join(sorted(available & API_ACTIONS)) or 'nothing'}.",
            current_version=application.version,
        )
    action = ACTIONS[name]
    form = action.form(_form_data(payload), action=action)
    if not form.is_valid():
        errors = [
            {"field": _FIELD_NAMES.get(field, field), "message": str(message)}
            for field, messages in form.errors.items()
            for message in messages
        ]
        first = errors[0]
        raise ApiProblem(422, f"{first['field']}: {first['message']}", errors=errors)
    arguments = form.arguments()
    try:
        if name == "note":
            workflow.application_note(application=application, officer=request.user, **arguments)
        else:
            action.function(
                application=application,
                officer=request.user,
                expected_version=form.cleaned_data["version"],
                **arguments,
            )
    except workflow.AlreadyHandled as refused:
        current = Application.objects.filter(pk=application.pk).values_list("version", flat=True)
        raise ApiProblem(
            409, str(refused), current_version=current.first() or application.version
        ) from None
    except workflow.ActionRefused as refused:
        if refused.field:
            field = _FIELD_NAMES.get(refused.field, refused.field)
            raise ApiProblem(
                422, f"{field}: {refused}", errors=[{"field": field, "message": str(refused)}]
            ) from None
        raise ApiProblem(409, str(refused), current_version=application.version) from None
    application = Application.objects.select_related("stage", "office", "referred_to").get(
        pk=application.pk
    )
    return detail(request, application, application.language)


@router.post(
    "/applications/{reference}/actions/{action}",
    response={200: ApplicationDetail, WRITE_ERRORS: Problem},
    summary="Act on an application",
)
def application_act(
    request,
    reference: str,
    action: ActionName,
    payload: ActionIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=255,
        description="Send the same write again with the same key: it acts once, and the "
        "answer of the first is given again.",
    ),
):
    """One of the actions its stage allows, as an officer of the client's groups and offices
    would take it (``receive_back`` gives a referred application back with the office's
    opinion in ``note``). ``version`` is the one last read: if it changed since, nothing is
    done and the answer is 409 with ``current_version``."""
    client = require_scope(request, Scope.APPLICATIONS_WRITE)
    fingerprint = request_fingerprint(method=request.method, path=request.path, body=request.body)
    if idempotency_key:
        kept = idempotent_answer_get(client=client, key=idempotency_key)
        if kept is not None:
            if kept.request_hash != fingerprint:
                raise ApiProblem(
                    422,
                    "Idempotency-Key: this key was used with another request; use a new key "
                    "for a new write.",
                    errors=[{"field": "Idempotency-Key", "message": "Used for another request."}],
                )
            replay = HttpResponse(
                kept.body, status=kept.status_code, content_type=kept.content_type
            )
            replay["Idempotent-Replayed"] = "true"
            return replay
    try:
        application = application_or_refused(request, reference)
        body = ApplicationDetail.model_validate(act(request, application, action, payload))
        status, text, content_type = 200, body.model_dump_json(), "application/json"
    except ApiProblem as problem:
        if not idempotency_key or problem.status == 429:
            raise
        answer = problem_response(problem.status, problem.detail, **problem.extra)
        status, text, content_type = (
            answer.status_code,
            answer.content.decode(),
            answer["Content-Type"],
        )
    except Http404:
        if not idempotency_key:
            raise
        answer = problem_response(404, "Not found, or not yours to see.")
        status, text, content_type = 404, answer.content.decode(), answer["Content-Type"]
    if idempotency_key:
        idempotent_answer_keep(
            client=client,
            key=idempotency_key,
            fingerprint=fingerprint,
            status=status,
            body=text,
            content_type=content_type,
        )
    return HttpResponse(text, status=status, content_type=content_type)
