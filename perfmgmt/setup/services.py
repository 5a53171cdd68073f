"""Writes behind the set-up pages: financial years, quarters and their deadlines, and the
organisation (directorates, services, DMT groupings, committees).

Glue like the rest of the site: closing a quarter asks the worry lists what is still in
progress, so nobody's draft is locked out by it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef

from perfmgmt import services as core_services
from perfmgmt.history import save_with_history
from perfmgmt.models import FinancialYear, Measure, MeasureFigure, Quarter, Service, User
from perfmgmt.quarters import financial_year_label
from perfmgmt.roles import Role
from worrylists.models import WorryList
from worrylists.services import services_meeting_the_board

# Financial years the product accepts: wide enough for any history a council imports.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


def can_set_up(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT, Role.ADMINISTRATOR)


def require_set_up(user: User) -> None:
    if not can_set_up(user):
        raise PermissionDenied("Only the Strategy Unit can set up years, quarters and the organisation.")


@transaction.atomic
def add_financial_year(*, start_year: int, by: User) -> FinancialYear:
    """A financial year with its four quarters, each planned until the Strategy Unit opens it."""
    require_set_up(by)
    label = financial_year_label(start_year)
    if not EARLIEST_YEAR <= start_year <= LATEST_YEAR:
        raise ValidationError({"start_year": f"Enter a year from {EARLIEST_YEAR} to {LATEST_YEAR}"})
    existing = FinancialYear.objects.filter(start_year=start_year).first()
    if existing is not None and existing.quarters.count() < 4:  # made by a benchmark import, say
        core_services.ensure_quarters(financial_year=existing)
        return existing
    if existing is not None:
        raise ValidationError(
            {
                "start_year": f"{label} is already set up. A financial year runs from 1 April to 31 March, so it "
                "can be set up only once."
            }
        )
    year = FinancialYear(start_year=start_year)
    try:
        with transaction.atomic():
            save_with_history(year, f"Set up by {by}", by)
    except IntegrityError:  # set up by someone else a moment ago
        raise ValidationError({"start_year": f"{label} is already set up."}) from None
    core_services.ensure_quarters(financial_year=year)
    return year


@transaction.atomic
def save_deadlines(*, quarter: Quarter, by: User, **deadlines) -> Quarter:
    require_set_up(by)
    quarter = core_services.locked_quarter(quarter)
    for name in Quarter.DEADLINES:
        setattr(quarter, name, deadlines.get(name))
    quarter.clean()
    save_with_history(quarter, f"Deadlines set by {by}", by)
    return quarter


@dataclass(frozen=True)
class Missing:
    """What a quarter still lacks, shown before it is closed."""

    in_progress: list[WorryList]  # drafts and returned lists: closing would lock them out
    not_started: list[Service]
    figures_missing: int

    @property
    def nothing(self) -> bool:
        return not (self.in_progress or self.not_started or self.figures_missing)


def what_is_missing(quarter: Quarter) -> Missing:
    lists = WorryList.objects.filter(quarter=quarter).select_related("service")
    started = set(lists.values_list("service_id", flat=True))
    return Missing(
        in_progress=list(lists.filter(status__in=WorryList.EDITABLE).order_by("service__name")),
        not_started=[service for service in services_meeting_the_board() if service.pk not in started],
        figures_missing=Measure.objects.filter(plan__financial_year_id=quarter.financial_year_id)
        .exclude(Exists(MeasureFigure.objects.filter(measure=OuterRef("pk"), quarter=quarter, actual__isnull=False)))
        .count(),
    )


@transaction.atomic
def open_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Open a planned quarter. A closed one is reopened with a reason (reopen_quarter)."""
    require_set_up(by)
    quarter = core_services.locked_quarter(quarter)
    if quarter.status == Quarter.Status.CLOSED:
        raise ValidationError(f"{quarter.label} is closed. To open it again, reopen it and say why.")
    return core_services.open_quarter(quarter=quarter, by=by)


@transaction.atomic
def close_quarter(*, quarter: Quarter, by: User) -> Quarter:
    """Close a quarter, unless a worry list is still being drafted or revised in it."""
    require_set_up(by)
    quarter = core_services.locked_quarter(quarter)
    in_progress = what_is_missing(quarter).in_progress
    if in_progress:
        names = ", ".join(worry_list.service.name for worry_list in in_progress)
        raise ValidationError(
            f"{quarter.label} cannot be closed while worry lists are still being drafted or revised: {names}. "
            "Ask their heads of service to submit them, or wait until they have."
        )
    return core_services.close_quarter(quarter=quarter, by=by)


@transaction.atomic
def reopen_quarter(*, quarter: Quarter, by: User, reason: str) -> Quarter:
    """Open a closed quarter again, for a correction; the reason is kept in its history."""
    require_set_up(by)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the quarter is being reopened"})
    quarter = core_services.locked_quarter(quarter)
    if quarter.status != Quarter.Status.CLOSED:
        raise ValidationError(f"{quarter.label} is {quarter.get_status_display().lower()}, so it cannot be reopened.")
    return core_services.open_quarter(quarter=quarter, by=by, reason=f"Reopened by {by}: {reason.strip()}")


@transaction.atomic
def save_record(form, *, by: User, what: str):
    """Save a set-up form's record (a directorate, service, grouping or committee) with who
    in its history. A name someone else took a moment ago is a message, not an error page."""
    require_set_up(by)
    created = form.instance.pk is None
    record = form.save(commit=False)
    try:
        with transaction.atomic():
            save_with_history(record, f"{'Added' if created else 'Changed'} by {by}", by)
            form.save_m2m()
    except IntegrityError:
        raise ValidationError({"name": f"There is already a {what} with this name"}) from None
    return record
