"""Fill the database with N synthetic submitted applications, for measuring the queue.

They are spread over the published services, the offices, the default workflow's stages and
the statuses officers see, with due dates around today. Only for test and benchmark databases:
with DEBUG off it refuses unless told ``--not-production``.

    manage.py seed_applications 100000
"""

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Page

from portal.accounts.models import Office
from portal.applications.models import Application, Workflow
from portal.core.commands import NotForProductionCommand
from portal.core.reference import reference_generate

BATCH = 5000
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
                submitted = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 365))
                rows.append(
                    Application(
                        reference=reference,
                        service_page_id=page_id,
                        service_title=title,
                        applicant_id=rng.choice(applicants),
                        office_id=rng.choice(offices),
                        status=status,
                        workflow=workflow,
                        stage=rng.choice(stages),
                        due_date=None
                        if status == Application.Status.ACTION_REQUIRED
                        else today + datetime.timedelta(days=rng.randint(-10, 20)),
                        submitted_at=submitted,
                        stage_entered_at=submitted,
                        fee_snapshot={"currency": "LAK", "lines": [], "total": 5_000_000},
                        answers={"full_name": f"Applicant {made}"},
                    )
                )
                made += 1
            Application.objects.bulk_create(rows, batch_size=1000)
            self.stdout.write(f"{made} / {count}")
        self.stdout.write(self.style.SUCCESS(f"{count} applications created."))

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
