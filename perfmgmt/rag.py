"""Red, amber, green and direction of travel: computed from figures, never typed.

Pure functions of numbers, so the rules are tested on their boundaries without a
database. A measure is green when it meets its target, amber when it misses by no more
than its tolerance, red when it misses by more; with no actual or no target there is no
status, and pages say so rather than guessing.
"""

from decimal import Decimal
from enum import StrEnum

from django.db import models


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "Higher is better"
    LOWER_IS_BETTER = "lower", "Lower is better"


class Rag(StrEnum):
    """A status. RED, AMBER and GREEN are also the choices for a forecast year-end status."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green", "no_data": "No data"}[self.value]

    @property
    def severity(self) -> int:
        """For sorting: red first, no data last."""
        return {"red": 0, "amber": 1, "green": 2, "no_data": 3}[self.value]


class Direction(StrEnum):
    IMPROVING = "improving"
    SAME = "same"
    WORSENING = "worsening"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return {
            "improving": "Improving",
            "same": "No change",
            "worsening": "Getting worse",
            "no_data": "No comparison",
        }[self.value]


def rag_status(*, actual: Decimal | None, target: Decimal | None, tolerance: Decimal | None, polarity: Polarity) -> Rag:
    if actual is None or target is None:
        return Rag.NO_DATA
    tolerance = tolerance or Decimal(0)
    # How far the actual falls short of the target, in the measure's own unit.
    shortfall = target - actual if polarity == Polarity.HIGHER_IS_BETTER else actual - target
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= tolerance:
        return Rag.AMBER
    return Rag.RED


def direction_of_travel(*, current: Decimal | None, earlier: Decimal | None, polarity: Polarity) -> Direction:
    if current is None or earlier is None:
        return Direction.NO_DATA
    if current == earlier:
        return Direction.SAME
    better = current > earlier if polarity == Polarity.HIGHER_IS_BETTER else current < earlier
    return Direction.IMPROVING if better else Direction.WORSENING
