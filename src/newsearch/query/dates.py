"""Date values in queries: absolute (``2025``, ``2025-11``, ``2025-11-03``) and relative (``now``, ``today``,
``yesterday``, ``now-30d``; units h, d, w, m, y), each standing for a span of time.

An absolute value is the whole year, month or day; ``today``/``yesterday`` are whole days; ``now`` and
``now-30d`` are instants. Comparisons use the span's ends: ``>V`` is after V's end, ``>=V`` from V's
start, ``<V`` before V's start, ``<=V`` up to V's end. Dates compare on each article's own clock (its calendar
day); ``now`` is UTC.

>>> from datetime import datetime
>>> span(parse_value("2025-02"), datetime(2026, 1, 1))
(datetime.datetime(2025, 2, 1, 0, 0), datetime.datetime(2025, 2, 28, 23, 59, 59, 999999))
>>> span(parse_value("now-2w"), datetime(2026, 1, 15, 12, 0))[0]
datetime.datetime(2026, 1, 1, 12, 0)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RELATIVE = re.compile(r"^(now|today|yesterday)(?:([+-])(\d{1,5})([hdwmy]))?$", re.IGNORECASE)
_TINY = timedelta(microseconds=1)
FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday, now or now-30d (units h d w m y)"


@dataclass(frozen=True, slots=True)
class DateValue:
    text: str
    parts: tuple[int, ...] = ()  # absolute: (year,), (year, month) or (year, month, day)
    base: str = ""  # relative: now, today or yesterday
    offset: tuple[int, str] | None = None  # relative: (signed amount, unit)


def parse_value(text: str) -> DateValue | None:
    """A DateValue, or None when ``text`` is none of the accepted forms (see FORMS)."""
    m = _ABSOLUTE.match(text)
    if m:
        parts = tuple(int(p) for p in m.groups() if p is not None)
        try:
            date(*(parts + (1,) * (3 - len(parts))))
        except ValueError:
            return None
        return DateValue(text, parts=parts)
    m = _RELATIVE.match(text)
    if m:
        base, sign, amount, unit = m.groups()
        offset = None if sign is None else ((-1 if sign == "-" else 1) * int(amount), unit.lower())
        return DateValue(text, base=base.lower(), offset=offset)
    return None


def span(value: DateValue, now: datetime) -> tuple[datetime, datetime]:
    """The first and last instant a value stands for."""
    if value.parts:
        year, *rest = value.parts
        if not rest:
            return datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59, 999999)
        month = rest[0]
        if len(rest) == 1:
            last = calendar.monthrange(year, month)[1]
            return datetime(year, month, 1), datetime(year, month, last, 23, 59, 59, 999999)
        day = datetime(year, month, rest[1])
        return day, day + timedelta(days=1) - _TINY
    moment = _shift(now, value.offset) if value.offset else now
    if value.base == "now":
        return moment, moment
    day = datetime(moment.year, moment.month, moment.day) - timedelta(days=value.base == "yesterday")
    return day, day + timedelta(days=1) - _TINY


def _shift(moment: datetime, offset: tuple[int, str]) -> datetime:
    amount, unit = offset
    if unit in "hdw":
        return moment + timedelta(hours=amount) * {"h": 1, "d": 24, "w": 168}[unit]
    months = moment.year * 12 + moment.month - 1 + amount * (12 if unit == "y" else 1)
    year, month = divmod(months, 12)
    year = min(max(year, 1), 9999)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def bound(value: DateValue | None, now: datetime, *, lower: bool, inclusive: bool) -> datetime | None:
    """One end of a range: a lower bound (inclusive: the value's start; exclusive: after its end) or an
    upper bound (inclusive: its end; exclusive: before its start)."""
    if value is None:
        return None
    first, last = span(value, now)
    if lower:
        return first if inclusive else last + _TINY
    return last if inclusive else first - _TINY
