"""Writes for the reporting periods every app shares: opening and closing quarters."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from perfmgmt.history import save_with_history
from perfmgmt.models import (
    FinancialYear,
    Quarter,
    User,
)
from perfmgmt.roles import Role


def _change_quarter_status(*, quarter: Quarter, to: Quarter.Status, by: User) -> Quarter:
    if not by.has_role(Role.STRATEGY_UNIT, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the Strategy Unit can open or close a quarter.")
    quarter = Quarter.objects.select_for_update(of=("self",)).select_related("financial_year").get(pk=quarter.pk)
    if to not in Quarter.TRANSITIONS[quarter.status]:
        raise ValidationError(
            f"{quarter.label} is {quarter.get_status_display().lower()}; it cannot be made "
            f"{Quarter.Status(to).label.lower()}."
        )
    quarter.status = to
    quarter.status_changed_at = timezone.now()
    quarter.status_changed_by = by
    save_with_history(quarter, f"{Quarter.Status(to).label} by {by}", by)
    return quarter


@transaction.atomic
def open_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Open a quarter for figures and worry lists (or reopen a closed one)."""
    return _change_quarter_status(quarter=quarter, to=Quarter.Status.OPEN, by=by)


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
