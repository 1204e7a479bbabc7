"""Working days: Monday to Friday, less the public holidays of the office's country.

Service standards ("10 working days") and officers' due dates count in working days. A day's
clock starts at the office's opening: what arrives after closing time, or on a day off, counts
from the next working day.
"""

import datetime
from functools import lru_cache

import holidays

WEEKEND = {5, 6}  # Saturday, Sunday
CLOSING_HOUR = 16  # the one-door offices close to the public at 16:00


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays(country, years=year))


def is_working_day(day: datetime.date, country: str) -> bool:
    return day.weekday() not in WEEKEND and day not in _holidays(country, day.year)


def next_working_day(day: datetime.date, country: str) -> datetime.date:
    """The first working day after ``day``."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day, country):
        day += datetime.timedelta(days=1)
    return day


def clock_start(moment: datetime.datetime, *, country: str, time_zone) -> datetime.date:
    """The working day from which a deadline counts, for something that arrived at
    ``moment``: that day if it is a working day before closing time, else the next one."""
    local = moment.astimezone(time_zone)
    day = local.date()
    if is_working_day(day, country) and local.hour < CLOSING_HOUR:
        return day
    return next_working_day(day, country)


def working_days_add(start: datetime.date, days: int, country: str) -> datetime.date:
    """The day by which ``days`` working days from ``start`` (counted as the first) end."""
    day = start if is_working_day(start, country) else next_working_day(start, country)
    for _ in range(max(days, 1) - 1):
        day = next_working_day(day, country)
    return day


def working_days_between(start: datetime.date, end: datetime.date, country: str) -> int:
    """Working days from ``start`` up to and including ``end`` (0 when end is before start)."""
    count = 0
    day = start
    while day <= end:
        count += is_working_day(day, country)
        day += datetime.timedelta(days=1)
    return count
