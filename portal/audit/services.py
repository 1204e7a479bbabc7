"""Writing the audit trail: one INSERT per record, nothing else."""

import ipaddress
import re

from django.http import Http404

from portal.core.http import client_address

from .middleware import current_request
from .models import AuditRecord

Action = AuditRecord.Action

# The person is the request's signed-in user unless the caller names one (or None).
FROM_REQUEST = object()

# What a reader could take for the end of a line, or that turns text around on screen:
# control characters, the line and paragraph separators, and the bidirectional overrides.
_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def audit_text(value) -> str:
    """``value`` as one line that says what it holds: a backslash, newline, carriage return or
    tab as ``\\\\``, ``\\n``, ``\\r``, ``\\t``; any other control character as ``\\xNN`` or
    ``\\uNNNN``. Text a person typed (an email address tried, a search) cannot forge a record."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub(lambda found: _escaped(found.group()), text)


def _escaped(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _address(request) -> str | None:
    """The client's address as our proxy setting says (``BEHIND_PROXY``), if it is one."""
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


def _field(value, length: int) -> str:
    """``value`` cut to the column's ``length``, a NUL (which PostgreSQL's text cannot hold)
    replaced by U+FFFD so the record of a request carrying one is still written."""
    return ("" if value is None else str(value)).replace("\x00", "\ufffd")[:length]


def audit_record(
    *,
    action: str,
    request=None,
    user=FROM_REQUEST,
    email: str = "",
    object_type: str = "",
    object_id="",
    reference: str = "",
    application_id: int | None = None,
    detail: str = "",
) -> AuditRecord:
    """Add a record: ``action`` done by ``user`` (the request's signed-in user by default; None
    for the system, with ``email`` for an address someone tried to sign in with) to the object
    ``object_type``/``object_id``, whose reference code or name is ``reference``, concerning
    the application ``application_id``; from the address of ``request`` (the current one by
    default). Text is stored as given (but for NUL) and escaped when shown (``audit_text``)."""
    request = request if request is not None else current_request()
    if user is FROM_REQUEST:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    return AuditRecord.objects.create(
        action=action,
        user_id=user.pk if user is not None else None,
        user_email=_field(user.email if user is not None else email, 254),
        object_type=_field(object_type, 100),
        object_id=_field(object_id, 64),
        object_reference=_field(reference, 255),
        application_id=application_id,
        address=_address(request),
        detail=_field(detail, 2000),
    )


def access_refused(
    request, *, object_type: str, object_id="", reference: str = "", application_id=None
) -> Http404:
    """Record that the request's user was refused the object (it is not theirs to see, or it
    does not exist: the two get the same answer), and return the 404 to raise."""
    audit_record(
        action=Action.ACCESS_REFUSED,
        request=request,
        object_type=object_type,
        object_id=object_id,
        reference=reference,
        application_id=application_id,
        detail=request.path[:255],
    )
    return Http404()


def object_or_refused(request, queryset, **lookup):
    """``get_object_or_404`` over a queryset that holds only what this user may see: a miss
    is recorded as a refused access. ``pk`` is the object's id."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        wanted = lookup.get("pk", ",".join(f"{key}={value}" for key, value in lookup.items()))
        raise access_refused(
            request,
            object_type=queryset.model._meta.label_lower,
            object_id=wanted,
            application_id=wanted
            if queryset.model._meta.label_lower == "applications.application"
            and isinstance(wanted, int)
            else None,
        ) from None


def export_recorded(request, *, what: str, export: str) -> AuditRecord:
    """Record a download of data (a listing or report as CSV or XLSX): ``what`` it was, and
    the choices in its address (filters, search)."""
    query = request.GET.urlencode()
    return audit_record(
        action=Action.DATA_EXPORTED,
        request=request,
        object_type=what,
        detail=f"{export} {request.path}{'?' + query if query else ''}",
    )
