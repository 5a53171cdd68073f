"""Reads of the shared core: the quarter in question and the organisation."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from perfmgmt.models import (
    Directorate,
    DmtGrouping,
    Quarter,
    Service,
    User,
)
from perfmgmt.permissions import services_visible_to
from perfmgmt.query_params import whole_number


def chosen_quarter(query_value: str | None, quarters: QuerySet[Quarter] | None = None) -> Quarter | None:
    """The quarter a page was asked for in its query string (404 if it is not one of
    ``quarters``), or the current quarter."""
    pk = whole_number(query_value)
    if pk is None:
        return current_quarter()
    quarters = Quarter.objects.select_related("financial_year") if quarters is None else quarters
    return get_object_or_404(quarters, pk=pk)


def current_quarter(today: date | None = None) -> Quarter | None:
    """The quarter the council is working on: the latest open quarter; failing that, the
    quarter whose dates contain today; failing that, none."""
    today = today or timezone.localdate()
    quarters = Quarter.objects.select_related("financial_year")
    latest_open = quarters.filter(status=Quarter.Status.OPEN).order_by("-financial_year__start_year", "-number").first()
    if latest_open:
        return latest_open
    for quarter in quarters.filter(financial_year__start_year__in=[today.year - 1, today.year]):
        if quarter.start <= today <= quarter.end:
            return quarter
    return None


def service_list_for_user(user: User) -> QuerySet[Service]:
    return (
        services_visible_to(user)
        .select_related("directorate", "directorate__strategic_director")
        .prefetch_related(
            Prefetch("heads", queryset=User.objects.order_by("last_name", "first_name")),
            Prefetch("groupings", queryset=DmtGrouping.objects.order_by("name")),
        )
        .order_by("directorate__name", "name")
    )


def directorates_led_by(user: User) -> QuerySet[Directorate]:
    return (
        Directorate.objects.filter(strategic_director=user)
        .prefetch_related(
            Prefetch(
                "services",
                queryset=Service.objects.order_by("name").prefetch_related(
                    Prefetch("heads", queryset=User.objects.order_by("last_name", "first_name"))
                ),
            )
        )
        .order_by("name")
    )


def groupings_with_services() -> QuerySet[DmtGrouping]:
    return DmtGrouping.objects.prefetch_related(
        Prefetch("services", queryset=Service.objects.select_related("directorate").order_by("name"))
    ).order_by("name")


def started_quarters() -> QuerySet[Quarter]:
    """Quarters that have opened, whether open now or closed since: the quarters worry
    lists, trackers and committee reports can be about (a quarter's report is written after
    it closes). Planned quarters are not offered."""
    return Quarter.objects.exclude(status=Quarter.Status.PLANNED).select_related("financial_year")


def previous_quarter(quarter: Quarter) -> Quarter | None:
    """The quarter before, if it is set up."""
    before = quarter.ref.previous()
    return (
        Quarter.objects.filter(financial_year__start_year=before.start_year, number=before.number)
        .select_related("financial_year")
        .first()
    )
