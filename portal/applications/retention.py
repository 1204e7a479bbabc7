"""How long an application's personal data is kept, and removing it.

A finished application (completed, rejected, withdrawn) keeps its answers, documents, names and
contact details for its service's retention time (``ServicePage.retention_days``, else
``PERSONAL_DATA_RETENTION_DAYS``) from the day it finished; then the scheduled purge removes
them. What the statistics and the accounts need stays: the reference, dates, service, office,
channel, status, stages and their history (without its texts), the fee, the payments ledger
(amounts, dates, references; without what staff wrote on it), the rating (without its
comment). The dashboards count facts kept apart (``portal.dashboard``), so their figures do
not change.

An application whose result is still in force (a certificate not revoked, valid today or
without end) is purged all the same but for the holder's name on that result: its public
check by code or QR shows who it was issued to for as long as it is in force. Once it is no
longer in force (revoked, or past its date), a later run removes the name too. A revoked
result keeps the fact and the date of its revocation, not the reason. A manager may remove
an application's personal data on request, with a reason, once it is finished: the holder's
name goes then even from a result in force.

Each application removed is marked (``personal_data_purged_at``) in the transaction that
removes it, after the purge checked again that it is still finished and still due, so the
purge takes only what is due and a second run changes nothing. It works in batches of ids:
memory does not grow with the number of applications due. The audit trail is left as it is
(who did what, when; it holds no answers, file names, notes or messages) and gets one record
per application removed.
"""

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from payments.models import PaymentEvent
from portal.accounts.models import User
from portal.accounts.retention import (
    companies_of_one,
    companies_only_owned_with_members,
    user_anonymise,
    user_is_staff_like,
)
from portal.audit.models import AuditRecord
from portal.audit.services import audit_record
from portal.core.storage import stored_files_delete_each

from .counter import COUNTER_EMAIL_DOMAIN
from .models import Application, Certificate, CounterIntake, Document, Event, Referral
from .services import application_draft_discard

BATCH = 500
RULE = "retention rule"


class NotFinished(Exception):
    """Only a finished application's personal data is removed."""


def _result_in_force(today: datetime.date) -> QuerySet:
    return Certificate.objects.filter(revoked_at__isnull=True).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def applications_purge_due(
    *, retention_by_page: dict[int, int], now: datetime.datetime | None = None
) -> QuerySet[Application]:
    """The finished applications whose personal data is due for removal: those of a service
    page in ``retention_by_page`` (its id: days) after that many days, any other after
    ``PERSONAL_DATA_RETENTION_DAYS``. One whose result is in force is due too: it keeps only
    its holder's name (see ``_purge``)."""
    now = now or timezone.now()
    pages_by_days: dict[int, list[int]] = {}
    for page_id, days in retention_by_page.items():
        pages_by_days.setdefault(days, []).append(page_id)
    default = datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    due = Q(finished_at__lt=now - default) & ~Q(service_page_id__in=list(retention_by_page))
    due |= Q(finished_at__lt=now - default, service_page_id__isnull=True)
    for days, page_ids in pages_by_days.items():
        due |= Q(finished_at__lt=now - datetime.timedelta(days=days), service_page_id__in=page_ids)
    return Application.objects.filter(
        personal_data_purged_at__isnull=True,
        finished_at__isnull=False,
        status__in=Application.FINISHED,
    ).filter(due)


def applications_retention_purge(
    *, retention_by_page: dict[int, int], now: datetime.datetime | None = None, batch=BATCH
) -> int:
    """Remove the personal data of every application due (see ``applications_purge_due``),
    ``batch`` at a time, and the holder's name of results no longer in force on applications
    removed before; how many applications."""
    now = now or timezone.now()
    due = applications_purge_due(retention_by_page=retention_by_page, now=now)
    removed = 0
    after = 0
    while True:
        # From the last id on: a batch another purge holds is not read again and again.
        ids = list(due.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            break
        after = ids[-1]
        removed += _purge(ids, now=now, user=None, detail=RULE, claimable=due, by_rule=True)
    holders_release(today=timezone.localdate(now))
    return removed


def holders_release(*, today: datetime.date) -> int:
    """Remove the holder's name from the results of applications whose personal data was
    removed, once they are no longer in force (revoked, or past their date); how many."""
    return (
        Certificate.objects.filter(application__personal_data_purged_at__isnull=False)
        .exclude(holder="")
        .exclude(pk__in=_result_in_force(today).values("pk"))
        .update(holder="")
    )


def application_personal_data_remove(
    *, application: Application, user: User, reason: str, request=None
) -> bool:
    """Remove one finished application's personal data now, on request (``reason`` is
    recorded in the audit trail), the holder's name on its result included, even in force.
    False when it was removed already, or is no longer finished."""
    if application.status not in Application.FINISHED:
        raise NotFinished(application.reference)
    finished = Application.objects.filter(status__in=Application.FINISHED)
    return bool(
        _purge(
            [application.pk],
            now=timezone.now(),
            user=user,
            request=request,
            detail=reason,
            claimable=finished,
        )
    )


def _purge(
    ids: list[int],
    *,
    now,
    user,
    detail: str,
    claimable: QuerySet[Application],
    request=None,
    by_rule: bool = False,
) -> int:
    """Remove the personal data of the applications ``ids`` still ``claimable`` (checked
    again here: finished, and due for the rule) and not removed yet, in one transaction; by
    the rule, a result in force keeps its holder's name. Their stored files are deleted once
    it commits. How many were removed.

    Two purges at once (the schedule's and a manager's) never remove one application twice:
    on PostgreSQL each claims its rows with ``SELECT ... FOR UPDATE SKIP LOCKED`` and skips
    those the other holds (then finds them removed); SQLite runs one writing transaction at a
    time. The update is conditional all the same."""
    Feedback = Application._meta.get_field("feedback").related_model  # tracking's, by relation
    with transaction.atomic():
        candidates = claimable.filter(pk__in=ids, personal_data_purged_at__isnull=True)
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        claimed = list(candidates.values_list("pk", "reference", "applicant_id"))
        ids = [pk for pk, _reference, _applicant in claimed]
        if not ids:
            return 0
        updated = Application.objects.filter(
            pk__in=ids, personal_data_purged_at__isnull=True
        ).update(personal_data_purged_at=now, answers={}, wizard_state={}, version=F("version") + 1)
        if updated != len(ids):  # cannot happen with the rows held; never record a false removal
            raise RuntimeError("Applications claimed for the purge changed under it.")
        files = list(Document.objects.filter(application_id__in=ids).values_list("file", flat=True))
        Document.objects.filter(application_id__in=ids).delete()
        Event.objects.filter(application_id__in=ids).exclude(note="", message="").update(
            note="", message=""
        )
        Referral.objects.filter(application_id__in=ids).update(question="", opinion="")
        CounterIntake.objects.filter(application_id__in=ids).update(
            claim_email="", claim_token_hash="", claim_expires_at=None
        )
        certificates = Certificate.objects.filter(application_id__in=ids)
        # Why a result was revoked is shown on its public check: it may name the person. That
        # it was revoked, and when, stays.
        certificates.exclude(revoked_reason="").update(revoked_reason="")
        if by_rule:  # a result in force keeps its holder's name, for its public check
            certificates = certificates.exclude(
                pk__in=_result_in_force(timezone.localdate(now)).values("pk")
            )
        certificates.exclude(holder="").update(holder="")
        Feedback.objects.filter(application_id__in=ids).exclude(comment="").update(comment="")
        # What staff wrote on the payments (why voided, refunded, waived); amounts, dates and
        # references stay. ``Payment.review_reason`` is the portal's own wording, kept.
        PaymentEvent.objects.filter(payment__application_id__in=ids).exclude(note="").update(
            note=""
        )
        # A walk-in applicant is the application's own: their name and phone go with it, once
        # none of their applications keeps personal data.
        applicants = {applicant for _pk, _reference, applicant in claimed}
        User.objects.filter(pk__in=applicants, email__iendswith=COUNTER_EMAIL_DOMAIN).exclude(
            pk__in=Application.objects.filter(
                applicant_id__in=applicants, personal_data_purged_at__isnull=True
            ).values("applicant_id")
        ).update(first_name="", last_name="", phone="")
        for pk, reference, _applicant in claimed:
            audit_record(
                action=AuditRecord.Action.PERSONAL_DATA_REMOVED,
                request=request,
                user=user,
                object_type="applications.application",
                object_id=pk,
                reference=reference,
                application_id=pk,
                detail=detail,
            )
        storage = Document._meta.get_field("file").storage
        transaction.on_commit(lambda: stored_files_delete_each(storage, files))
    return len(ids)


# --- the schedule's other clean-ups --------------------------------------------------------------


def claim_links_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget the links that add a walk-in application to an account once they expired more
    than ``CODE_RETENTION_DAYS`` ago (the hash of their token and the address they went to);
    how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.CODE_RETENTION_DAYS)
    return (
        CounterIntake.objects.filter(claim_expires_at__lt=cutoff)
        .exclude(claim_token_hash="")
        .update(claim_token_hash="", claim_email="")
    )


ORPHAN_FOLDERS = ("documents", "companies")
ORPHAN_CHUNK = 500


def orphan_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete stored document files (applications' and companies') that no row names, once
    they are ``ORPHAN_FILE_RETENTION_HOURS`` old: a file stored by a transaction that did not
    commit, or whose removal was interrupted. Reads a month's folder at a time; how many."""
    from portal.accounts.models import CompanyDocument

    cutoff = (now or timezone.now()) - datetime.timedelta(
        hours=settings.ORPHAN_FILE_RETENTION_HOURS
    )
    storage = Document._meta.get_field("file").storage
    models = {"documents": Document, "companies": CompanyDocument}
    deleted = 0
    for folder in ORPHAN_FOLDERS:
        for month_folder in _month_folders(storage, folder):
            names = [f"{month_folder}/{name}" for name in storage.listdir(month_folder)[1]]
            for start in range(0, len(names), ORPHAN_CHUNK):
                chunk = names[start : start + ORPHAN_CHUNK]
                known = set(
                    models[folder].objects.filter(file__in=chunk).values_list("file", flat=True)
                )
                for name in chunk:
                    if name in known or storage.get_modified_time(name) >= cutoff:
                        continue
                    storage.delete(name)
                    deleted += 1
    return deleted


def _month_folders(storage, folder: str):
    try:
        years = storage.listdir(folder)[0]
    except FileNotFoundError:
        return
    for year in sorted(years):
        for month in sorted(storage.listdir(f"{folder}/{year}")[0]):
            yield f"{folder}/{year}/{month}"


# --- a person's own account ----------------------------------------------------------------------


class StaffAccount(Exception):
    """Staff accounts are closed by an administrator."""


class AccountStillNeeded(Exception):
    """The account cannot be deleted yet: ``applications`` still wait on the person, or
    ``companies`` would be left without an owner."""

    def __init__(self, *, applications: list[Application], companies: list):
        super().__init__("account still needed")
        self.applications = applications
        self.companies = companies


def applications_needing_account(*, user: User) -> list[Application]:
    """The submitted applications not finished yet that only this person can act on (answer
    a question, pay, collect the result, withdraw): their own, and those of a company they
    are the only member of. Deleting the account would strand them: nobody could sign in to
    them again. Drafts are not among them: they go with the account."""
    alone = companies_of_one(user).values("pk")
    return list(
        Application.objects.filter(Q(applicant=user, company=None) | Q(company__in=alone))
        .exclude(status=Application.Status.DRAFT)
        .exclude(status__in=Application.FINISHED)
        .order_by("submitted_at", "pk")
    )


def account_deletion_obstacles(*, user: User) -> AccountStillNeeded | None:
    """Why ``user``'s account cannot be deleted now, or None."""
    applications = applications_needing_account(user=user)
    companies = companies_only_owned_with_members(user)
    if applications or companies:
        return AccountStillNeeded(applications=applications, companies=companies)
    return None


def account_delete(*, user: User, request=None) -> dict:
    """Delete ``user``'s account, as they asked: their drafts go; their finished applications
    stay with the offices, under the retention rule, detached from any login (see
    ``user_anonymise``); the deletion is recorded in the audit trail. Refused
    (``AccountStillNeeded``) while an application still waits on them or a company would be
    left without an owner. Counts of what went."""
    if user_is_staff_like(user):
        raise StaffAccount(user.pk)
    obstacles = account_deletion_obstacles(user=user)
    if obstacles is not None:
        raise obstacles
    drafts = 0
    for draft in Application.objects.filter(applicant=user, status=Application.Status.DRAFT).only(
        "pk"
    ):
        drafts += application_draft_discard(application=draft)
    kept = Application.objects.filter(applicant=user).count()
    with transaction.atomic():
        # Again: a draft may have been submitted from another tab while the drafts went.
        obstacles = account_deletion_obstacles(user=user)
        if obstacles is not None:
            raise obstacles
        audit_record(
            action=AuditRecord.Action.ACCOUNT_DELETED,
            request=request,
            user=user,
            object_type="accounts.user",
            object_id=user.pk,
            detail=f"drafts deleted: {drafts}; applications kept: {kept}",
        )
        user_anonymise(user=user)
    return {"drafts": drafts, "applications": kept}
