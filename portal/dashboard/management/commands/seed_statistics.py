"""Count the applications ``seed_applications`` made into the dashboards' facts, with
synthetic results, stage times, officers' actions and ratings, in bulk (building each fact from
its events, as the sweep does, would take too long at 100,000 rows). Only for test and
benchmark databases.

    manage.py seed_applications 100000 && manage.py seed_statistics
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from portal.accounts.models import Office
from portal.applications.models import Application, Event
from portal.core.commands import NotForProductionCommand
from portal.dashboard.models import ActionFact, CaseFact, FactsProgress, StageFact
from portal.tracking.models import Feedback

BATCH = 5000
FINISHED = {
    Application.Status.COMPLETED: CaseFact.Outcome.ISSUED,
    Application.Status.REJECTED: CaseFact.Outcome.REJECTED,
    Application.Status.WITHDRAWN: CaseFact.Outcome.WITHDRAWN,
}


class Command(NotForProductionCommand):
    help = "Count seeded applications into the dashboards (synthetic figures, for benchmarks)."
    writes = "synthetic statistics"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        pages = dict(Page.objects.values_list("pk", "path"))
        keys = dict(Page.objects.values_list("path", "translation_key"))
        offices = dict(Office.objects.values_list("pk", "translation_key"))
        officers = list(
            get_user_model().objects.filter(is_staff=True).values_list("pk", flat=True)
        ) or list(get_user_model().objects.values_list("pk", flat=True)[:10])
        todo = Application.objects.filter(fact__isnull=True).exclude(submitted_at=None)
        ids = list(todo.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            rows = Application.objects.filter(pk__in=ids[start : start + BATCH]).values_list(
                "pk",
                "service_page_id",
                "office_id",
                "channel",
                "status",
                "stage_id",
                "submitted_at",
                "service_standard_days",
            )
            facts, feedback = [], []
            for pk, page, office, channel, status, stage, submitted, standard in rows:
                path = pages.get(page, "")
                fact = CaseFact(
                    application_id=pk,
                    service_key=keys.get(path),
                    sector_key=keys.get(path[: -Page.steplen]),
                    office_key=offices.get(office),
                    channel=channel,
                    submitted_at=submitted,
                    submitted_on=timezone.localtime(submitted).date(),
                    standard_days=standard or 10,
                )
                if status in FINISHED:
                    days = rng.randint(1, 20)
                    fact.outcome = FINISHED[status]
                    fact.result_on = fact.submitted_on + datetime.timedelta(days=days * 7 // 5)
                    if status != Application.Status.WITHDRAWN:
                        fact.working_days = days
                        fact.within_standard = days <= fact.standard_days
                    if rng.random() < 0.5:
                        fact.rating = rng.randint(1, 5)
                        fact.rated_on = fact.result_on
                        feedback.append(
                            Feedback(application_id=pk, rating=fact.rating, comment="Seeded.")
                        )
                fact.stage_id = stage
                facts.append(fact)
            CaseFact.objects.bulk_create(facts, batch_size=1000)
            made = dict(
                CaseFact.objects.filter(
                    application_id__in=[f.application_id for f in facts]
                ).values_list("application_id", "pk")
            )
            StageFact.objects.bulk_create(
                [
                    StageFact(
                        case_id=made[fact.application_id],
                        stage_id=fact.stage_id,
                        entered_at=fact.submitted_at,
                        left_on=fact.submitted_on + datetime.timedelta(days=2),
                        working_days=rng.randint(0, 6),
                        sla_days=2,
                    )
                    for fact in facts
                ],
                batch_size=1000,
            )
            ActionFact.objects.bulk_create(
                [
                    ActionFact(
                        event_id=-made[fact.application_id],  # no event: unique all the same
                        case_id=made[fact.application_id],
                        kind=Event.Kind.FORWARDED,
                        officer_id=rng.choice(officers),
                        done_on=fact.submitted_on,
                    )
                    for fact in facts
                ],
                batch_size=1000,
            )
            Feedback.objects.bulk_create(feedback, batch_size=1000)
            self.stdout.write(f"{start + len(facts)} / {len(ids)}")
        # The sweep starts after what was seeded.
        FactsProgress.objects.all().delete()
        FactsProgress.objects.create(
            last_event_id=Event.objects.aggregate(last=Max("pk"))["last"] or 0,
            last_feedback_id=Feedback.objects.aggregate(last=Max("pk"))["last"] or 0,
            swept_at=timezone.now(),
        )
        self.stdout.write(self.style.SUCCESS(f"{len(ids)} applications counted."))
