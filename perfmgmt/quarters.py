"""Pure date logic for the UK local-government financial year.

The financial year runs from 1 April to 31 March and is named by both calendar years it
spans ("2011/12"). Quarter 1 is April to June, so Q3 is October to December and Q4 is
January to March of the following calendar year. Nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class QuarterRef:
    """A quarter of a financial year: ``start_year`` is the calendar year of 1 April."""

    start_year: int
    number: int

    def __post_init__(self):
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"A quarter number is 1 to 4, not {self.number}.")

    @property
    def label(self) -> str:
        """'Q3 2011/12'"""
        return f"Q{self.number} {financial_year_label(self.start_year)}"

    @property
    def slug(self) -> str:
        """'q3-2011-12', for file names and URLs."""
        return f"q{self.number}-{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.start_year + month // 13, (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> date:
        following = self.next()
        return date.fromordinal(following.start.toordinal() - 1)

    def next(self) -> "QuarterRef":
        if self.number == 4:
            return QuarterRef(self.start_year + 1, 1)
        return QuarterRef(self.start_year, self.number + 1)

    def previous(self) -> "QuarterRef":
        if self.number == 1:
            return QuarterRef(self.start_year - 1, 4)
        return QuarterRef(self.start_year, self.number - 1)

    def same_quarter_last_year(self) -> "QuarterRef":
        return QuarterRef(self.start_year - 1, self.number)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def financial_year_label(start_year: int) -> str:
    """'2011/12' for the year that starts on 1 April 2011."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def financial_year_start(day: date) -> int:
    """The calendar year in which the financial year containing ``day`` began."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_dates(start_year: int) -> tuple[date, date]:
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def quarter_for_date(day: date) -> QuarterRef:
    """The financial quarter that contains ``day``."""
    months_into_year = (day.month - 4) % 12
    return QuarterRef(financial_year_start(day), months_into_year // 3 + 1)
