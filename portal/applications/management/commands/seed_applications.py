"""Fill the database with N synthetic submitted applications, for measuring the queue and the
dashboards.

They are spread over the published services, the offices, the default workflow's stages and
the statuses officers see, with due dates around today; each has its "submitted" event and one
payment (most paid, some refunded, voided or failed), made at its submission. Only for test
and benchmark databases: with DEBUG off it refuses unless told ``--not-production``.

    manage.py seed_applications 100000
"""

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page

from payments.models import Payment
from portal.accounts.models import Office
from portal.applications.models import Application, Event, Workflow
from portal.core.commands import NotForProductionCommand
from portal.core.reference import reference_generate

BATCH = 5000
CHANNELS = [*[Application.Channel.ONLINE] * 3, Application.Channel.COUNTER]
PAYMENTS = [
    *["paid"] * 16,
    "partially_refunded",
    "refunded",
    "voided",
    "failed",
]
STATUSES = [
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.IN_REVIEW,
    Application.Status.IN_REVIEW,
    Application.Status.ACTION_REQUIRED,
    Application.Status.APPROVED,
    Application.Status.COMPLETED,
]


class Command(NotForProductionCommand):
    help = "Create N synthetic submitted applications (for benchmarks)."
    writes = "fake applications"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, count, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        services = list(
            Page.objects.live().filter(content_type__model="servicepage").values_list("pk", "title")
        )
        offices = list(Office.objects.values_list("pk", flat=True))
        workflow = Workflow.objects.filter(is_default=True).first()
        if not services or not offices or workflow is None:
            raise CommandError("Run `manage.py demo` first: services, offices and a workflow.")
        stages = list(workflow.stages.order_by("sort_order"))
        applicants = self.applicants(rng, max(count // 20, 1))
        today = timezone.localdate()
        now = timezone.now()
        seen: set[str] = set(Application.objects.values_list("reference", flat=True))
        made = 0
        while made < count:
            rows = []
            for _ in range(min(BATCH, count - made)):
                reference = reference_generate()
                while reference in seen:
                    reference = reference_generate()
                seen.add(reference)
                page_id, title = rng.choice(services)
                status = rng.choice(STATUSES)
                channel = rng.choice(CHANNELS)
                submitted = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                rows.append(
                    Application(
                        reference=reference,
                        service_page_id=page_id,
                        service_title=title,
                        applicant_id=rng.choice(applicants),
                        office_id=rng.choice(offices),
                        status=status,
                        channel=channel,
                        workflow=workflow,
                        stage=rng.choice(stages),
                        due_date=None
                        if status == Application.Status.ACTION_REQUIRED
                        else today + datetime.timedelta(days=rng.randint(-10, 20)),
                        submitted_at=submitted,
                        finished_at=submitted if status in Application.FINISHED else None,
                        stage_entered_at=submitted,
                        fee_snapshot={"currency": "LAK", "lines": [], "total": 5_000_000},
                        answers={"full_name": f"Applicant {made}"},
                    )
                )
                made += 1
            Application.objects.bulk_create(rows, batch_size=1000)
            self.events_and_payments(rng, [row.reference for row in rows])
            self.stdout.write(f"{made} / {count}")
        self.stdout.write(self.style.SUCCESS(f"{count} applications created."))

    def events_and_payments(self, rng, references: list[str]) -> None:
        """For each new application: its "submitted" event, and a payment made then."""
        rows = Application.objects.filter(reference__in=references).values_list(
            "pk", "submitted_at", "office_id", "channel"
        )
        events, payments = [], []
        for pk, submitted, office_id, channel in rows:
            events.append(
                Event(
                    application_id=pk,
                    kind=Event.Kind.SUBMITTED,
                    from_status=Application.Status.DRAFT,
                    to_status=Application.Status.SUBMITTED,
                    created_at=submitted,
                )
            )
            status = rng.choice(PAYMENTS)
            payments.append(
                Payment(
                    application_id=pk,
                    amount=5_000_000,
                    currency="LAK",
                    gateway="counter" if channel == Application.Channel.COUNTER else "demo",
                    status=status,
                    refunded_amount={"refunded": 5_000_000, "partially_refunded": 1_000_000}.get(
                        status, 0
                    ),
                    office_id=office_id,
                    paid_at=submitted,
                    created_on=timezone.localtime(submitted).date(),
                )
            )
        Event.objects.bulk_create(events, batch_size=1000)
        Payment.objects.bulk_create(payments, batch_size=1000)
        # A payment's creation time is set on saving: move it to the application's submission.
        Payment.objects.filter(application__reference__in=references).update(
            created_at=Subquery(
                Application.objects.filter(pk=OuterRef("application_id")).values("submitted_at")[:1]
            )
        )

    def applicants(self, rng, count: int) -> list[int]:
        User = get_user_model()
        users = [
            User(
                email=f"seed-{secrets.token_hex(6)}@example.invalid",
                first_name="Seed",
                last_name=str(number),
                password=make_password(None),
            )
            for number in range(count)
        ]
        User.objects.bulk_create(users, batch_size=1000)
        return list(User.objects.filter(email__startswith="seed-").values_list("pk", flat=True))
