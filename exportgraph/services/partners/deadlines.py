"""The latest date to apply for a licence: the day it is needed, minus a cited processing time in
its own unit. Working and business days skip Saturdays and Sundays (public holidays are not in the
data, so they are not skipped: the date is a latest date, apply earlier)."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from decimal import Decimal

UNITS = ("calendar-days", "working-days", "business-days", "weeks", "months")


def _months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _working_days_before(day: dt.date, count: int) -> dt.date:
    """The latest day A such that the count-th working day after A is on or before `day`."""
    found = day
    while found.weekday() >= 5:  # a licence is not granted on a weekend: the Friday before
        found -= dt.timedelta(days=1)
    weeks, rest = divmod(count, 5)
    found -= dt.timedelta(weeks=weeks)
    while rest:
        found -= dt.timedelta(days=1)
        if found.weekday() < 5:
            rest -= 1
    return found


def latest_start(needed: dt.date, amount: Decimal, unit: str) -> dt.date | None:
    """The latest day to start a clock of `amount` `unit` so that it ends by `needed` (None for a
    unit it does not know)."""
    whole = math.ceil(amount)
    if unit == "calendar-days":
        return needed - dt.timedelta(days=whole)
    if unit in ("working-days", "business-days"):
        return _working_days_before(needed, whole)
    if unit == "weeks":
        return needed - dt.timedelta(days=math.ceil(amount * 7))
    if unit == "months":
        return _months_before(needed, whole)
    return None
