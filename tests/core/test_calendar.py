"""Working days skip weekends and the country's public holidays, and start after closing."""

import datetime
import zoneinfo

from portal.core.calendar import (
    clock_start,
    is_working_day,
    working_days_add,
    working_days_between,
)

VIENTIANE = zoneinfo.ZoneInfo("Asia/Vientiane")


def test_lao_new_year_and_weekends_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 4, 14), "LA")  # Pi Mai Lao
    assert not is_working_day(datetime.date(2026, 4, 18), "LA")  # a Saturday
    assert is_working_day(datetime.date(2026, 4, 13), "LA")


def test_a_due_date_skips_public_holidays():
    # Ten working days from Friday 10 April 2026 jump the three days of Lao New Year.
    assert working_days_add(datetime.date(2026, 4, 10), 10, "LA") == datetime.date(2026, 4, 28)
    # The same dates in Cambodia, whose New Year falls on other days.
    assert working_days_add(datetime.date(2026, 4, 10), 1, "KH") == datetime.date(2026, 4, 10)


def test_the_clock_starts_the_next_working_day_after_closing_time():
    friday_evening = datetime.datetime(2026, 4, 10, 17, 30, tzinfo=VIENTIANE)
    friday_morning = datetime.datetime(2026, 4, 10, 9, 0, tzinfo=VIENTIANE)
    assert clock_start(friday_morning, country="LA", time_zone=VIENTIANE) == datetime.date(
        2026, 4, 10
    )
    assert clock_start(friday_evening, country="LA", time_zone=VIENTIANE) == datetime.date(
        2026, 4, 13
    )


def test_working_days_between_counts_both_ends():
    assert working_days_between(datetime.date(2026, 4, 13), datetime.date(2026, 4, 17), "LA") == 2
    assert working_days_between(datetime.date(2026, 4, 20), datetime.date(2026, 4, 17), "LA") == 0
