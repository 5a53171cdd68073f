"""Writes for the reporting periods every app shares: opening and closing quarters."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from perfmgmt import workflow
from perfmgmt.models import (
    FinancialYear,
    Quarter,
    User,
)
from perfmgmt.roles import Role


def locked_quarter(quarter: Quarter) -> Quarter:
    """The quarter, locked until the transaction ends, with its year."""
    return Quarter.objects.select_for_update(of=("self",)).select_related("financial_year").get(pk=quarter.pk)


def _change_quarter_status(*, quarter: Quarter, to: Quarter.Status, by: User, reason: str = "") -> Quarter:
    if not by.has_role(Role.STRATEGY_UNIT, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the Strategy Unit can open or close a quarter.")
    quarter = locked_quarter(quarter)
    return workflow.move(
        quarter,
        to,
        by=by,
        reason=reason or f"{Quarter.Status(to).label} by {by}",
        refused=f"{quarter.label} is {{status}}; it cannot be made {{to}}.",
        stamp="status_changed",
    )


@transaction.atomic
def open_quarter(*, quarter: Quarter, by: User, reason: str = "") -> Quarter:
    """Open a quarter for figures and worry lists (or reopen a closed one, saying why)."""
    return _change_quarter_status(quarter=quarter, to=Quarter.Status.OPEN, by=by, reason=reason)


@transaction.atomic
def close_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Close a quarter: later capabilities lock its figures from here on."""
    return _change_quarter_status(quarter=quarter, to=Quarter.Status.CLOSED, by=by)


def ensure_quarters(*, financial_year: FinancialYear) -> list[Quarter]:
    """A year's four quarters, created as planned where missing, so targets can be set."""
    existing = {quarter.number: quarter for quarter in financial_year.quarters.all()}
    for number in (1, 2, 3, 4):
        if number not in existing:
            existing[number] = Quarter.objects.create(financial_year=financial_year, number=number)
    return [existing[number] for number in (1, 2, 3, 4)]
