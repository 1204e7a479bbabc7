"""The dashboard's choice of period, offices, services, sectors and channel, read from the
address (so a view can be bookmarked and shared)."""

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from portal.applications.models import Application

from .selectors import Selection, offices_named

PERIODS = [
    ("today", _("Today")),
    ("week", _("This week")),
    ("month", _("This month")),
    ("year", _("This year")),
    ("dates", _("Between dates")),
]
LONGEST = datetime.timedelta(days=366 * 5)


def period_days(period: str, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a named period that ends today."""
    if period == "today":
        return today, today
    if period == "week":
        return today - datetime.timedelta(days=today.weekday()), today
    if period == "year":
        return today.replace(month=1, day=1), today
    return today.replace(day=1), today


def _pages(model: str) -> list[tuple[str, str]]:
    """(translation key, title) of the live pages of one kind, in the reader's language when
    it has them."""
    reader = Locale.get_active()
    default = Locale.get_default()
    rows = (
        Page.objects.live()
        .filter(content_type__model=model, locale__in=[reader, default])
        .values_list("translation_key", "locale_id", "title")
    )
    titles: dict = {}
    for key, locale_id, title in rows:
        if locale_id == reader.pk or key not in titles:
            titles[key] = title
    return sorted(((str(key), title) for key, title in titles.items()), key=lambda c: c[1])


class SelectionForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    office = forms.MultipleChoiceField(label=_("Offices"), required=False)
    sector = forms.MultipleChoiceField(label=_("Sectors"), required=False)
    service = forms.MultipleChoiceField(label=_("Services"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("Online and at the counter")), *Application.Channel.choices],
    )

    def __init__(self, data, *, office_keys):
        super().__init__(data)
        self.office_keys = office_keys
        offices = offices_named(office_keys)
        self.fields["office"].choices = sorted(
            ((str(key), name) for key, name in offices.items()), key=lambda c: c[1]
        )
        self.fields["sector"].choices = _pages("sectorpage")
        self.fields["service"].choices = _pages("servicepage")
        for name in ("office", "sector", "service"):
            # As tall as its choices, from two lines (one would be a drop-down) to six (it
            # scrolls beyond): a manager of one office does not scroll past an empty box.
            self.fields[name].widget.attrs["size"] = min(max(len(self.fields[name].choices), 2), 6)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if data.get("period") == "dates" or start or end:
            today = timezone.localdate()
            start, end = start or end or today, end or today
            if end < start:
                self.add_error("end", _("The last day must not be before the first."))
            elif end - start > LONGEST:
                self.add_error("start", _("Choose a period of five years at most."))
            data["period"] = "dates"
            data["start"], data["end"] = start, end
        return data

    def selection(self) -> Selection:
        """What the form chose (this month, every office in scope, when it is not valid)."""
        data = self.cleaned_data if self.is_valid() else {}
        today = timezone.localdate()
        if data.get("period") == "dates":
            start, end = data["start"], data["end"]
        else:
            start, end = period_days(data.get("period") or "month", today)
        offices = frozenset(_keys(data.get("office"))) or self.office_keys
        return Selection(
            start=start,
            end=end,
            office_keys=offices,
            service_keys=frozenset(_keys(data.get("service"))),
            sector_keys=frozenset(_keys(data.get("sector"))),
            channel=data.get("channel") or "",
        )


def _keys(values) -> list:
    return [uuid.UUID(value) for value in values or []]
