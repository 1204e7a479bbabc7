"""The dashboards' test data: applications moved through the real workflow, dated by hand."""

import datetime
import zoneinfo

import pytest

from payments.models import Payment
from portal.applications import workflow
from portal.applications.models import Application, Event, Stage
from portal.dashboard.facts import facts_sweep
from portal.tracking.models import Feedback
from tests.factories import (
    OfficeFactory,
    SectorPageFactory,
    ServicePageFactory,
    UserFactory,
    submit_application,
)

TZ = zoneinfo.ZoneInfo("Asia/Vientiane")
OCTOBER = "period=dates&start=2026-10-01&end=2026-10-31"


def at(day: int, hour: int = 9, month: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=TZ)


class Story:
    """Applications moved through the real workflow, each step dated as the test says."""

    def __init__(self, officer):
        self.officer = officer

    def dated(self, when, do, *args, **kwargs):
        last = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = do(*args, **kwargs)
        Event.objects.filter(pk__gt=last).update(created_at=when)
        return result

    def submit(self, service, office, when, *, channel="online"):
        application = submit_application(service, office=office)
        Application.objects.filter(pk=application.pk).update(submitted_at=when, channel=channel)
        Event.objects.filter(application=application).update(created_at=when)
        application.refresh_from_db()
        return application

    def act(self, application, when, action, **kwargs):
        application.refresh_from_db()
        function = getattr(workflow, f"application_{action}")
        self.dated(
            when,
            function,
            application=application,
            officer=self.officer,
            expected_version=application.version,
            **kwargs,
        )
        application.refresh_from_db()

    def to_decision(self, application, when):
        while application.stage.kind != Stage.Kind.DECISION:
            self.act(application, when, "forward")

    def issue(self, application, decided, issued, *, handed_over=True):
        self.to_decision(application, decided)
        self.act(application, decided, "approve")
        self.act(application, issued, "issue")
        if handed_over:
            self.act(application, issued, "complete")


@pytest.fixture
def world(db, home_page):
    """Two offices; a free service of 10 working days and a paid one, in two sectors."""
    xaysetha = OfficeFactory(name="Xaysetha District")
    chanthabouly = OfficeFactory(name="Chanthabouly District")
    business = SectorPageFactory(parent=home_page, slug="business", title="Business")
    transport = SectorPageFactory(parent=home_page, slug="transport", title="Transport")
    licence = ServicePageFactory(parent=business, slug="licence", title="Business licence", fee=[])
    permit = ServicePageFactory(parent=transport, slug="permit", title="Transport permit", fee=[])
    officer = UserFactory(email="boss@onedoor.example", is_superuser=True, is_staff=True)
    return {
        "xaysetha": xaysetha,
        "chanthabouly": chanthabouly,
        "licence": licence,
        "permit": permit,
        "story": Story(officer),
        "officer": officer,
    }


def pay(application, amount, when, *, status, gateway="demo", refunded=0):
    payment = Payment.objects.create(
        application=application,
        amount=amount,
        currency="LAK",
        gateway=gateway,
        status=status,
        refunded_amount=refunded,
        office=application.office,
        paid_at=when if status in ("paid", "partially_refunded", "refunded") else None,
    )
    Payment.objects.filter(pk=payment.pk).update(created_at=when, created_on=when.date())
    return payment


@pytest.fixture
def october(world):
    """Six applications in October 2026 (no public holiday in Laos that month):

    A1 licence, Xaysetha, online: in Mon 5, issued Wed 7: 3 working days, within 10. Rated 5.
    A2 licence, Xaysetha, online: in Mon 5, returned Tue 6, answered Fri 9 (Wed 7 and Thu 8
       paused), issued Tue 13: Mon 5 to Tue 13 is 7 working days, less 2 paused: 5. Rated 3.
    A3 permit, Xaysetha, counter: in Tue 6, rejected Thu 8: 3 working days. Rated 1.
    A4 licence, Xaysetha, online: in Wed 7, referred to Chanthabouly Thu 8: open.
    A5 permit, Xaysetha, online: in Wed 7, withdrawn Thu 8.
    A6 licence, Chanthabouly, online: in Wed 7, issued Fri 30 (not yet handed over): 18
       working days, over 10.

    Money (LAK), made in October: A1 paid 50,000 online; A2 a cash record of 50,000 voided,
    then 50,000 paid at the counter and 20,000 of it refunded; A3 paid 30,000 and refunded
    whole; A6 waived; A5 a failed attempt of 50,000.
    """
    story, xay, chan = world["story"], world["xaysetha"], world["chanthabouly"]
    licence, permit = world["licence"], world["permit"]
    a1 = story.submit(licence, xay, at(5))
    story.issue(a1, at(6), at(7))
    a2 = story.submit(licence, xay, at(5))
    story.act(a2, at(5, 10), "forward")
    story.act(a2, at(6), "return", message="Add the lease.")
    a2.refresh_from_db()
    story.dated(
        at(9), workflow.application_resubmit, application=a2, applicant=a2.applicant, note="Here."
    )
    story.issue(a2, at(12), at(13))
    a3 = story.submit(permit, xay, at(6), channel=Application.Channel.COUNTER)
    story.to_decision(a3, at(7))
    story.act(a3, at(8), "reject", message="Not allowed here.")
    a4 = story.submit(licence, xay, at(7))
    story.act(a4, at(7, 10), "forward")
    while not a4.stage.can_refer:
        story.act(a4, at(7, 11), "forward")
    story.act(a4, at(8), "refer", office=chan, message="", note="Ask the district.")
    a5 = story.submit(permit, xay, at(7))
    story.dated(at(8), workflow.application_withdraw, application=a5, applicant=a5.applicant)
    a6 = story.submit(licence, chan, at(7))
    story.issue(a6, at(29), at(30), handed_over=False)

    kip = 100  # minor units of the kip
    pay(a1, 50000 * kip, at(5), status="paid")
    pay(a2, 50000 * kip, at(9), status="voided", gateway="counter")
    pay(a2, 50000 * kip, at(9, 11), status="partially_refunded", gateway="counter",
        refunded=20000 * kip)  # fmt: skip
    pay(a3, 30000 * kip, at(6), status="refunded", refunded=30000 * kip)
    pay(a6, 0, at(7), status="waived", gateway="waiver")
    pay(a5, 50000 * kip, at(7), status="failed")
    for application, rating, comment, day in (
        (a1, 5, "Quick and clear.", 8),
        (a2, 3, "", 14),
        (a3, 1, "Nobody explained why.", 9),
    ):
        feedback = Feedback.objects.create(application=application, rating=rating, comment=comment)
        Feedback.objects.filter(pk=feedback.pk).update(created_at=at(day, 12))
    facts_sweep()
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5, "a6": a6}
