"""Writes to the core: each one checks permission, changes one thing and stamps who and when."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from perfmgmt.models import Quarter, User
from perfmgmt.roles import Role


def _change_quarter_status(*, quarter: Quarter, to: Quarter.Status, by: User) -> Quarter:
    if not by.has_role(Role.STRATEGY_UNIT, Role.ADMINISTRATOR):
        raise PermissionDenied("Only the Strategy Unit can open or close a quarter.")
    quarter = Quarter.objects.select_for_update().select_related("financial_year").get(pk=quarter.pk)
    if to not in Quarter.TRANSITIONS[quarter.status]:
        raise ValidationError(
            f"{quarter.label} is {quarter.get_status_display().lower()}; it cannot be made "
            f"{Quarter.Status(to).label.lower()}."
        )
    quarter.status = to
    quarter.status_changed_at = timezone.now()
    quarter.status_changed_by = by
    quarter._change_reason = f"{Quarter.Status(to).label} by {by}"
    quarter.save()
    return quarter


@transaction.atomic
def open_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Open a quarter for figures and worry lists (or reopen a closed one)."""
    return _change_quarter_status(quarter=quarter, to=Quarter.Status.OPEN, by=by)


@transaction.atomic
def close_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Close a quarter: later capabilities lock its figures from here on."""
    return _change_quarter_status(quarter=quarter, to=Quarter.Status.CLOSED, by=by)
