"""Reads of applications, with the rule of who may see what."""

import datetime
import re
from typing import NamedTuple

from django.db import connection
from django.db.models import Case, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import In, IsNull
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from payments.models import FeeSettlement
from portal.accounts.models import Company, CompanyDocument, CompanyMembership, Office, User

from .answers import schema_in_language
from .models import Application, Certificate, Document, Event, Referral, Stage
from .pins import tracking_pin_hash, tracking_pin_hash_matches

OFFICER_PERMISSION = "applications.view_application"
CERTIFICATE_CODE = re.compile(r"[A-Z0-9-]{1,32}")  # "C-7KQ2-M9XA-C", as verify upper-cases it


def user_is_officer(user: User) -> bool:
    """Whether the user works applications in the back office."""
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def _applicant_scope(user: User, *, company_id: int | None = None, **narrowed) -> QuerySet:
    """The ids of what a person sees as theirs: what they applied for themselves, and, while
    they are a member of a company, what anyone applied for on its behalf (not others' drafts).
    Who leaves a company leaves its applications behind, their own included. ``company_id``
    keeps one of their companies' alone; ``narrowed`` are conditions on each application.

    Two sets, one sought by the applicant's index and one by the company's, put together
    (UNION ALL: an application is in one or the other, by whether it has a company). As one
    condition with an OR, PostgreSQL could seek neither side by its index (the companies are a
    subquery): it read every application, seconds at a million (see
    ``application_list_for_applicant``)."""
    theirs = CompanyMembership.objects.filter(user=user).values("company_id")
    for_companies = Application.objects.filter(company_id__in=theirs, **narrowed).filter(
        Q(applicant=user) | ~Q(status=Application.Status.DRAFT)
    )
    if company_id is not None:
        return for_companies.filter(company_id=company_id).order_by().values("pk")
    own = Application.objects.filter(applicant=user, company=None, **narrowed)
    return own.order_by().values("pk").union(for_companies.order_by().values("pk"), all=True)


def application_acting_allowed(*, user: User, application: Application) -> bool:
    """Whether the person may act on the application as its applicant (answer, pay, get its
    documents): they made it for themselves, or they are a member of the company it is for."""
    if application.company_id is None:
        return application.applicant_id == user.pk
    return Company.objects.filter(pk=application.company_id, memberships__user=user).exists()


def application_list_for_applicant(
    *, user: User, company_id: int | None = None
) -> QuerySet[Application]:
    """The person's applications (and their companies'), drafts first, then the latest
    changed first; with what the list shows of each: whether the fee is settled, what the
    office asked while it waits for an answer, whether a result was issued and rated.

    The person's applications are read by their ids (``_applicant_scope``), each row then by
    its primary key, and sorted: as many rows as they have, whatever the number of others'.
    EXPLAIN ANALYZE on PostgreSQL at 1,000,000 applications (a person with nine, three of
    them their company's): "Sort -> Nested Loop -> HashAggregate -> Append -> Bitmap Heap
    Scan on applications_application (Bitmap Index Scan on ..._applicant_id) and Nested Loop
    (Seq Scan on accounts_companymembership, Index Scan using ..._company_id) -> Index Scan
    using applications_application_pkey", under a millisecond. With the scope as one
    condition (own OR their companies', the companies a hashed subplan), it was "Parallel Seq
    Scan on applications_application" twice, joined by a hash, estimated at half the table
    (so compiled by JIT as well): 1.9 s, and 3.5 s at the bench's p50 with four readers.
    SQLite: "SEARCH ... USING INDEX ..._applicant_id" and "... _company_id", then the rows by
    their primary key."""
    scope = _applicant_scope(user, company_id=company_id)
    asked = Event.objects.filter(application=OuterRef("pk"), kind=Event.Kind.RETURNED).order_by(
        "-created_at", "-id"
    )
    return (
        Application.objects.filter(pk__in=scope)
        .select_related("service_page", "company")
        .annotate(
            fee_settled=Exists(FeeSettlement.objects.filter(application_id=OuterRef("pk"))),
            asked_note=Subquery(asked.values("message")[:1]),
            has_result=Exists(
                Certificate.objects.filter(application=OuterRef("pk"), revoked_at=None)
            ),
        )
        .order_by(
            Case(When(status=Application.Status.DRAFT, then=0), default=1),
            "-updated_at",
        )
    )


def application_get_for_applicant(*, user: User, reference: str) -> Application | None:
    """The person's application with this reference (or their company's), or None."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(pk__in=_applicant_scope(user, reference=reference))
        .select_related("company")
        .prefetch_related("documents")
        .first()
    )


def application_draft_get(*, applicant: User, service_page_ids: list[int]) -> Application | None:
    """The person's draft for this service, started in any of its languages (the pages'
    translations share the form's steps and machine names), if they started one."""
    if not applicant.is_authenticated or not service_page_ids:
        return None
    # Every step of every form reads it: a plain statement, as building the query with the ORM
    # cost more than reading the row. Rarely more than one (a draft in each language): the
    # latest is picked here, without an ORDER BY.
    drafts = Application.objects.raw(
        f"SELECT * FROM {_table(Application)} WHERE applicant_id = %s AND status = %s "  # noqa: S608
        f"AND service_page_id IN ({', '.join(['%s'] * len(service_page_ids))})",
        [applicant.pk, Application.Status.DRAFT, *service_page_ids],
    )
    return max(drafts, key=lambda draft: (draft.updated_at, draft.pk), default=None)


def companies_for_applicant(*, user: User) -> list[Company]:
    """The companies this person may apply for, by name (each form step asks: with none, it
    does not ask whom the application is for; a plain statement, as application_draft_get)."""
    if not user.is_authenticated:
        return []
    company, membership = _table(Company), _table(CompanyMembership)
    return list(
        Company.objects.raw(
            f"SELECT {company}.* FROM {company} "  # noqa: S608
            f"JOIN {membership} ON {membership}.company_id = {company}.id "
            f"WHERE {membership}.user_id = %s ORDER BY {company}.name",
            [user.pk],
        )
    )


def _table(model) -> str:
    """The model's table, quoted, for a plain statement (its values are always parameters)."""
    return connection.ops.quote_name(model._meta.db_table)


def company_documents_for_applicant(*, user: User, company_id: int) -> list[CompanyDocument]:
    """The documents of a company the person may attach to an application for it (they are a
    member), except expired ones."""
    if not user.is_authenticated:
        return []
    return list(
        CompanyDocument.objects.filter(company_id=company_id, company__memberships__user=user)
        .exclude(valid_until__lt=timezone.localdate())
        .order_by("kind", "-uploaded_at")
    )


class Unindexed(Func):
    """A column of the officers' queue that SQLite must compare, not seek by.

    SQLite keeps no statistics of its tables, so it takes any term it could seek by an index
    (``office_id IN (...)``, ``status IN (...)``) for a selective one: it then looked up every
    visible application by each office and sorted them all to show twenty. A unary plus (SQLite's
    documented way to keep a term out of the choice of an index) leaves it one plan: read the
    queue's index in the queue's order and compare these columns on its entries, stopping at
    the page's last row. PostgreSQL keeps statistics and chooses by them: the column as it is.
    """

    template = "%(expressions)s"
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


def column_in(column: str, values) -> Q:
    """``column IN values`` (a list or a subquery), compared on the index entries the queue reads
    (see ``Unindexed``)."""
    if isinstance(values, QuerySet):
        values = values.order_by()  # a list to look in: its order is of no use
    return Q(In(Unindexed(column), values))


def column_is_null(column: str) -> Q:
    return Q(IsNull(Unindexed(column), True))


def officer_office_ids(user: User) -> list[int]:
    """The ids of the offices an officer serves, in every language copy. Read once per
    request (kept on the user object): the queue then filters applications on their own
    columns, which lets the database read it in the order of its index."""
    cached = getattr(user, "_office_ids", None)
    if cached is None:
        keys = user.offices.values("translation_key")
        cached = list(Office.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
        user._office_ids = cached
    return cached


def officer_stages(user: User) -> list[tuple[int, int | None, bool]]:
    """The stages that concern an officer, as (id, the stage's own office, whether the officer's
    groups act on it): those at an office they serve, and those of their groups. Read once per
    request (kept on the user object), in one query, so that the queue filters applications
    on their own stage column instead of joining stages row by row."""
    cached = getattr(user, "_stages", None)
    if cached is None:
        my_groups = User.groups.through.objects.filter(user_id=user.pk)
        cached = [
            (pk, office_id, bool(acts))
            for pk, office_id, acts in Stage.objects.filter(
                Q(office_id__in=officer_office_ids(user))
                | Q(group_id__in=my_groups.values("group_id"))
            )
            .annotate(acts=Exists(my_groups.filter(group_id=OuterRef("group_id"))))
            .values_list("pk", "office_id", "acts")
        ]
        user._stages = cached
    return cached


def _officer_scope(user: User) -> Q:
    """The applications an officer may read: those of the offices they serve, those at a stage
    their office acts on, and those referred to their office (open or answered); everything
    for a superuser.

    Each term is a column of the application compared on the queue's index (``Unindexed``);
    the referral term is one list of the applications referred to the officer's offices,
    made once per query from the small referrals table, each row probed in it."""
    if user.is_superuser:
        return Q()
    offices = officer_office_ids(user)
    scope = column_in("office_id", offices) | column_in("referred_to_id", offices)
    stages = [pk for pk, office_id, _acts in officer_stages(user) if office_id in offices]
    if stages:
        scope |= column_in("stage_id", stages)
    if offices:
        referred = Referral.objects.filter(to_office_id__in=offices).values("application_id")
        scope |= column_in("pk", referred)
    return scope


def application_list_for_officer(*, user: User) -> QuerySet[Application]:
    """Submitted applications of the offices an officer serves."""
    if not user_is_officer(user):
        return Application.objects.none()
    return (
        Application.objects.exclude(status=Application.Status.DRAFT)
        .filter(_officer_scope(user))
        .select_related("applicant")
    )


def application_visible_to_officer(*, user: User, application: Application) -> bool:
    return (
        user_is_officer(user)
        and application.status != Application.Status.DRAFT
        and Application.objects.filter(_officer_scope(user), pk=application.pk).exists()
    )


def document_get_for_user(*, user: User, document_id) -> Document | None:
    """The document if this user may download it, else None: its applicant, a member of the
    company the application was made for, or an officer of the responsible office."""
    if not user.is_authenticated:
        return None
    document = Document.objects.select_related("application").filter(pk=document_id).first()
    if document is None:
        return None
    application = document.application
    if application_acting_allowed(user=user, application=application):
        return document
    if application_visible_to_officer(user=user, application=application):
        return document
    return None


class LookedUp(NamedTuple):
    """What the status look-up needs to know of an application found by reference and PIN:
    which it is and which version of it (what the look-up showed of it is kept per version)."""

    pk: int
    version: int
    updated_at: datetime.datetime


def application_looked_up(*, reference: str, pin: str) -> LookedUp | None:
    """Which application has this reference, if the PIN is its own; None for any mismatch.
    Only its id, version and hash are read: the look-up answers a repeat from what it kept.

    The same work is done whether or not the reference exists, so the answer's timing does not
    tell which of the two was wrong.
    """
    # A plain statement (as application_draft_get): anyone may ask, many times a minute.
    found = list(
        Application.objects.raw(
            "SELECT id, tracking_pin_hash, version, updated_at "  # noqa: S608
            f"FROM {_table(Application)} WHERE reference = %s",
            [reference],
        )
    )
    if not found:
        tracking_pin_hash(reference=reference, pin=pin)
        return None
    application = found[0]
    if not tracking_pin_hash_matches(
        reference=reference, stored=application.tracking_pin_hash, pin=pin
    ):
        return None
    return LookedUp(application.pk, application.version, application.updated_at)


def application_lookup(*, reference: str, pin: str) -> Application | None:
    """The application with this reference if the PIN is its own (with its stage, which its
    status is shown by); None for any mismatch."""
    found = application_looked_up(reference=reference, pin=pin)
    return None if found is None else application_for_lookup(pk=found.pk)


def application_for_lookup(*, pk: int) -> Application:
    """The application the look-up found, with its stage, to show."""
    return Application.objects.select_related("stage").get(pk=pk)


def certificate_get(*, code: str) -> Certificate | None:
    """The certificate with this verification code, for its public check. Text that cannot be
    a code (anything but letters, digits and dashes, such as a NUL byte that PostgreSQL
    refuses) finds nothing, without asking the database."""
    if not CERTIFICATE_CODE.fullmatch(code):
        return None
    return Certificate.objects.filter(code=code).first()


def issued_result(*, application: Application) -> Certificate | None:
    """The certificate or licence issued for the application, unless it was revoked."""
    return Certificate.objects.filter(application=application, revoked_at=None).first()


def results_issued(*, application: Application) -> list[Certificate]:
    """Every result issued for the application, the latest first: the one in force (if any),
    then those it replaced or that were revoked."""
    return list(Certificate.objects.filter(application=application).order_by("-issued_at", "-pk"))


def last_request(*, application: Application) -> Event | None:
    """What the officer asked when they last returned the application, while it waits."""
    if application.status != Application.Status.ACTION_REQUIRED:
        return None
    return application.events.filter(kind=Event.Kind.RETURNED).order_by("-created_at").first()


def content_language(language: str | None = None) -> str:
    """``language`` (the active one by default) as one of the portal's content languages."""
    language = language or get_language()
    try:
        return get_supported_content_language_variant(language)
    except LookupError:
        return language


def service_titles_in_language(applications, *, language: str | None = None) -> None:
    """Give each application ``title_here``: its service's title in ``language`` (the reader's
    by default) where the service is published in it, else the title it was submitted under;
    and ``title_lang``, the language it is written in (for the ``lang`` attribute: Lao and
    Khmer need their own line height). One query for any number of applications (a page of
    the queue, My applications)."""
    applications = list(applications)
    language = content_language(language)
    page_ids = {application.service_page_id for application in applications}
    page_ids.discard(None)
    titles: dict[int, str] = {}
    if page_ids:
        translated = Page.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=language,
            live=True,
        )
        titles = dict(
            Page.objects.filter(pk__in=page_ids)
            .annotate(title_here=Subquery(translated.values("title")[:1]))
            .values_list("pk", "title_here")
        )
    for application in applications:
        translated = titles.get(application.service_page_id)
        application.title_here = translated or application.service_title
        application.title_lang = language if translated else application.language


def service_title_in_language(language: str | None = None):
    """The expression of ``title_here`` for a query of many rows (the queue's export): the
    service's title in ``language`` where the service is published in it, else the title it was
    submitted under."""
    translated = Page.objects.filter(
        translation_key=OuterRef("service_page__translation_key"),
        locale__language_code=content_language(language),
        live=True,
    )
    return Coalesce(Subquery(translated.values("title")[:1]), F("service_title"))


# A search's services and people found are given to the query as a list of ids up to this
# many; beyond, as a subquery (see ``_found``).
SEARCH_FOUND_LISTED = 1000


def _found(queryset: QuerySet) -> list | QuerySet:
    """The ids of ``queryset``'s rows, read first (one query), for a search of applications
    to compare a column with: a list of values is one that PostgreSQL can seek by an index and
    estimate from its statistics, where it can do neither with a subquery (it then read every
    application in the queue's order, seconds at a million, for a name nobody has). A search
    that finds more rows than ``SEARCH_FOUND_LISTED`` matches many applications, which the
    queue's order finds soon enough: they stay a subquery."""
    ids = list(queryset.order_by().values_list("pk", flat=True)[: SEARCH_FOUND_LISTED + 1])
    return queryset.values("pk") if len(ids) > SEARCH_FOUND_LISTED else ids


def service_titled(words: str) -> Q:
    """Applications for a service whose title, in any of its languages, contains ``words``, or
    that were submitted under such a title (an officer searches in any language)."""
    titled = Page.objects.filter(title__icontains=words).values("translation_key")
    return Q(service_title__icontains=words) | column_in(
        "service_page_id", _found(Page.objects.filter(translation_key__in=titled))
    )


def applicant_named(words: str) -> Q:
    """Applications whose applicant's email address or last name contains ``words``: the
    people found are read first, instead of reading each row's applicant."""
    people = User.objects.filter(Q(email__icontains=words) | Q(last_name__icontains=words))
    return column_in("applicant_id", _found(people))


def form_schema_in_language(*, application: Application) -> dict | None:
    """The service's current form in the reader's (active) language, for its labels: a
    translated page keeps the machine names. None when the page is gone or has no form."""
    page = application.service_page
    if page is None:
        return None
    locale = Locale.get_active()
    translation = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
    form_schema = getattr(translation and translation.specific, "form_schema", None)
    return form_schema() if form_schema else None


def form_in_reader_language(*, application: Application) -> dict | None:
    """The application's form with its words in the reader's (active) language, for labels:
    the words its snapshot kept for that language, or, for an application submitted before
    snapshots kept them, the service's current form in that language."""
    schema = application.form_schema
    if schema.get("translations"):
        return schema_in_language(schema, get_language())
    return form_schema_in_language(application=application)


def stages_in_use(*, stage_ids: list[int]) -> set[int]:
    """Of these stages, those that an application is at, or that an event moved from or to:
    they hold history, so they are archived instead of deleted."""
    if not stage_ids:
        return set()
    used = set(
        Application.objects.filter(stage_id__in=stage_ids).values_list("stage_id", flat=True)
    )
    for field in ("from_stage_id", "to_stage_id"):
        used.update(
            Event.objects.filter(**{f"{field}__in": stage_ids}).values_list(field, flat=True)
        )
    return used
