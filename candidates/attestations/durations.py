"""Durations of sessions, and the legal cap of a bilan (24 hours, Code du travail R6313-4 and L6313-4)."""

import datetime

LEGAL_CAP_MINUTES = 24 * 60


def minutes_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole minutes between two aware datetimes (right across midnight and daylight-saving changes)."""
    # Subtracting two datetimes of the same zone compares wall clocks: go through UTC to count real time.
    elapsed = end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)
    return int(elapsed.total_seconds() // 60)


def hours_minutes(minutes: int) -> str:
    """3 h, 3 h 30, 0 h 45."""
    hours, rest = divmod(int(minutes or 0), 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def hours_number(minutes: int) -> float:
    """3 h 30 as a number of hours, 3.5, for spreadsheets (to two decimals: 20 minutes, 0.33)."""
    return round(int(minutes or 0) / 60, 2)
