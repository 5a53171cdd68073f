"""How near the quarter's worry list deadline is, for the home page."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from perfmgmt.models import (
    Quarter,
)


@dataclass(frozen=True)
class Deadline:
    """The worry-list deadline as a person reads it on the home page."""

    date: date
    days_left: int

    @property
    def passed(self) -> bool:
        return self.days_left < 0


def worry_list_deadline(quarter: Quarter | None, today: date | None = None) -> Deadline | None:
    if quarter is None or quarter.worry_list_deadline is None:
        return None
    today = today or timezone.localdate()
    return Deadline(quarter.worry_list_deadline, (quarter.worry_list_deadline - today).days)
