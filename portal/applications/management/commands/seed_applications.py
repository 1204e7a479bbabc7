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
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import connection, models, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from wagtail.models import Page

from payments.models import Payment
from portal.accounts.models import Office
from portal.applications.models import Application, Event, Workflow
from portal.core.commands import NotForProductionCommand
from portal.core.reference import reference_generate

BATCH = 5000
COPY_BATCH = 50_000  # rows of applications per COPY on PostgreSQL
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
        self.copy = connection.vendor == "postgresql"
        self.now = timezone.now()
        stages = list(workflow.stages.order_by("sort_order").values_list("pk", flat=True))
        applicants = self.applicants(max(count // 20, 1))
        today = timezone.localdate()
        seen: set[str] = set(Application.objects.values_list("reference", flat=True))
        made = 0
        while made < count:
            rows = []
            for _ in range(min(COPY_BATCH if self.copy else BATCH, count - made)):
                reference = reference_generate()
                while reference in seen:
                    reference = reference_generate()
                seen.add(reference)
                page_id, title = rng.choice(services)
                status = rng.choice(STATUSES)
                submitted = self.now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                rows.append(
                    {
                        "reference": reference,
                        "service_page_id": page_id,
                        "service_title": title,
                        "applicant_id": rng.choice(applicants),
                        "office_id": rng.choice(offices),
                        "status": status,
                        "channel": rng.choice(CHANNELS),
                        "workflow_id": workflow.pk,
                        "stage_id": rng.choice(stages),
                        "due_date": None
                        if status == Application.Status.ACTION_REQUIRED
                        else today + datetime.timedelta(days=rng.randint(-10, 20)),
                        "submitted_at": submitted,
                        "finished_at": submitted if status in Application.FINISHED else None,
                        "stage_entered_at": submitted,
                        "fee_snapshot": {"currency": "LAK", "lines": [], "total": 5_000_000},
                        "answers": {"full_name": f"Applicant {made}"},
                    }
                )
                made += 1
            with transaction.atomic():
                self.write(Application, rows)
                self.write(Event, [self.submitted_event(row) for row in rows])
                self.write(Payment, [self.payment(rng, row) for row in rows])
            self.stdout.write(f"{made} / {count}")
        if self.copy:
            # The planner's statistics, as after any bulk load: autovacuum would take its time
            # to gather them, and until then PostgreSQL plans for empty tables.
            with connection.cursor() as cursor:
                for model in (get_user_model(), Application, Event, Payment):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        self.stdout.write(self.style.SUCCESS(f"{count} applications created."))

    @staticmethod
    def submitted_event(application: dict) -> dict:
        return {
            "application_id": application["id"],
            "kind": Event.Kind.SUBMITTED,
            "from_status": Application.Status.DRAFT,
            "to_status": Application.Status.SUBMITTED,
            "created_at": application["submitted_at"],
        }

    @staticmethod
    def payment(rng, application: dict) -> dict:
        """A payment made at the application's submission."""
        status = rng.choice(PAYMENTS)
        submitted = application["submitted_at"]
        return {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "application_id": application["id"],
            "amount": 5_000_000,
            "currency": "LAK",
            "gateway": "counter"
            if application["channel"] == Application.Channel.COUNTER
            else "demo",
            "status": status,
            "refunded_amount": {"refunded": 5_000_000, "partially_refunded": 1_000_000}.get(
                status, 0
            ),
            "office_id": application["office_id"],
            "paid_at": submitted,
            "created_at": submitted,
            "created_on": timezone.localtime(submitted).date(),
        }

    def write(self, model, rows: list[dict]) -> None:
        """Insert ``rows`` (each a model's field values by attribute name; the rest take their
        defaults); each row of an auto-numbered model gets its ``id``."""
        if self.copy:
            self.copy_rows(model, rows)
            return
        made = model.objects.bulk_create([model(**row) for row in rows], batch_size=1000)
        for row, instance in zip(rows, made, strict=True):
            row["id"] = instance.pk
        if model is Payment:
            # A payment's creation time is set on saving: put it back to its application's
            # submission, as given.
            Payment.objects.filter(pk__in=[row["id"] for row in rows]).update(
                created_at=Subquery(
                    Application.objects.filter(pk=OuterRef("application_id")).values(
                        "submitted_at"
                    )[:1]
                )
            )

    def copy_rows(self, model, rows: list[dict]) -> None:
        """PostgreSQL's COPY of ``rows``: their ids taken from the table's sequence first."""
        from psycopg.types.json import Jsonb

        table = model._meta.db_table
        pk = model._meta.pk
        fields = [field for field in model._meta.concrete_fields if field is not pk]
        given = set().union(*(row.keys() for row in rows)) if rows else set()
        # What a field not given holds, ready for the database: its default (the same for
        # every row: no default of these models varies from row to row but the time).
        defaults = {}
        for field in fields:
            if field.attname in given:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = self.now
            else:
                value = field.get_default()
            defaults[field.attname] = (
                Jsonb(value)
                if isinstance(field, models.JSONField)
                else (field.get_db_prep_save(value, connection))
            )
        json_given = {
            field.attname for field in fields if isinstance(field, models.JSONField)
        } & given
        with connection.cursor() as cursor:
            if isinstance(pk, models.AutoField | models.BigAutoField):
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, pk.column, len(rows)],
                )
                for row, (new_id,) in zip(rows, cursor.fetchall(), strict=True):
                    row["id"] = new_id
            columns = [pk.column] + [field.column for field in fields]
            names = ", ".join(connection.ops.quote_name(column) for column in columns)
            with cursor.cursor.copy(
                f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
            ) as copy:
                for row in rows:
                    copy.write_row(
                        [row["id"]]
                        + [
                            (Jsonb(row[f.attname]) if f.attname in json_given else row[f.attname])
                            if f.attname in row
                            else defaults[f.attname]
                            for f in fields
                        ]
                    )

    def applicants(self, count: int) -> list[int]:
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
