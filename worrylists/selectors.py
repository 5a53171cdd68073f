"""Reads for worry list pages, with related rows fetched up front."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from perfmgmt.models import DmtGrouping, Measure, Quarter, Service, User
from worrylists.models import Worry, WorryList
from worrylists.permissions import services_with_lists_for, worry_lists_visible_to
from worrylists.services import services_meeting_the_board

WORRIES = Prefetch(
    "worries",
    queryset=Worry.objects.order_by("position", "pk")
    .select_related("carried_from__worry_list__quarter__financial_year")
    .prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("title")),
        "indicators",
    ),
)


def worry_list_page(worry_list: WorryList) -> WorryList:
    return (
        WorryList.objects.select_related(
            "service__directorate__strategic_director",
            "quarter__financial_year",
            "submitted_by",
            "returned_by",
            "started_by",
        )
        .prefetch_related(WORRIES)
        .get(pk=worry_list.pk)
    )


@dataclass(frozen=True)
class IndexRow:
    service: Service
    worry_list: WorryList | None
    can_start: bool


def index_services(user: User) -> QuerySet[Service]:
    """The services whose worry lists the user works with, by name: a page is cut from it."""
    return (
        services_with_lists_for(user)
        .filter(groupings__isnull=False)
        .distinct()
        .select_related("directorate")
        .prefetch_related("heads")
        .order_by("name")
    )


def index_rows(user: User, quarter: Quarter, services) -> list[IndexRow]:
    """The services given (a page of index_services), each with its list for the quarter
    or whether the user may start it."""
    services = list(services)
    lists = {
        wl.service_id: wl
        for wl in worry_lists_visible_to(user)
        .filter(quarter=quarter, service__in=[s.pk for s in services])
        .select_related("quarter")
    }
    return [
        IndexRow(
            service=service,
            worry_list=lists.get(service.pk),
            can_start=service.pk not in lists
            and quarter.status == Quarter.Status.OPEN
            and any(head.pk == user.pk for head in service.heads.all()),
        )
        for service in services
    ]


@dataclass(frozen=True)
class TrackerRow:
    service: Service
    groupings: list[str]
    worry_list: WorryList | None
    state: str
    late: bool
    worries: int

    @property
    def state_label(self) -> str:
        return TRACKER_STATES[self.state]


TRACKER_STATES = {"not_started": "Not started", "draft": "Draft", "returned": "Returned", "submitted": "Submitted"}


def is_late(worry_list: WorryList | None, deadline: date | None, today: date) -> bool:
    """Submitted after the deadline, or still not submitted once it has passed."""
    if worry_list is not None:
        return worry_list.is_late(today)
    return bool(deadline and today > deadline)


def tracker_services() -> QuerySet[Service]:
    """Every service that meets the Board, by name: a page of the tracker is cut from it."""
    return services_meeting_the_board().select_related("directorate").prefetch_related("groupings")


def tracker(quarter: Quarter, today: date | None = None, services=None) -> list[TrackerRow]:
    """The services given (a page; by default every one that meets the Board), with
    where each one's list for the quarter stands."""
    today = today or timezone.localdate()
    services = list(tracker_services() if services is None else services)
    lists = {
        wl.service_id: wl
        for wl in WorryList.objects.filter(quarter=quarter, service__in=[s.pk for s in services])
        .select_related("submitted_by", "quarter", "returned_by")
        .annotate(worry_count=Count("worries"))
    }
    rows = []
    for service in services:
        worry_list = lists.get(service.pk)
        rows.append(
            TrackerRow(
                service=service,
                groupings=[grouping.name for grouping in service.groupings.all()],
                worry_list=worry_list,
                state=worry_list.status if worry_list else "not_started",
                late=is_late(worry_list, quarter.worry_list_deadline, today),
                worries=worry_list.worry_count if worry_list else 0,
            )
        )
    return rows


def tracker_counts(quarter: Quarter, today: date | None = None) -> dict[str, int]:
    """How many services' lists are in each state, and how many are late, counted in the
    database as is_late decides it: the same whatever page of the tracker is shown."""
    today = today or timezone.localdate()
    board = services_meeting_the_board()
    total = board.count()
    lists = WorryList.objects.filter(quarter=quarter, service__in=board.values("pk"))
    by_state = dict(lists.order_by().values_list("status").annotate(count=Count("pk")))
    counts = {label: by_state.get(state, 0) for state, label in TRACKER_STATES.items()}
    counts[TRACKER_STATES["not_started"]] = total - sum(by_state.values())
    submitted = WorryList.Status.SUBMITTED
    late = lists.filter(status=submitted, submitted_late=True).count()
    deadline = quarter.worry_list_deadline
    if deadline and today > deadline:  # every list not submitted, and every one not started
        late += total - by_state.get(submitted, 0)
    counts["Late"] = late
    return counts


def grouping_pack(grouping: DmtGrouping, quarter: Quarter) -> list[WorryList]:
    """The grouping's submitted lists, by service, each with its worries in priority order."""
    return list(
        WorryList.objects.filter(
            quarter=quarter, service__in=grouping.services.all(), status=WorryList.Status.SUBMITTED
        )
        .select_related("service__directorate", "submitted_by")
        .prefetch_related(WORRIES)
        .order_by("service__name")
    )


def groupings() -> QuerySet[DmtGrouping]:
    return DmtGrouping.objects.order_by("name")


@dataclass(frozen=True)
class Task:
    name: str
    url: str | None  # None: cannot start yet
    status: str
    done: bool


def tasks(worry_list: WorryList, worries: list[Worry], to_carry: list[Worry]) -> list[Task]:
    """The head of service's task list for a draft worry list."""
    complete = [worry for worry in worries if worry.is_complete]
    if not worries:
        adding = "Not yet started"
    elif len(complete) < len(worries):
        adding = f"In progress: {len(worries) - len(complete)} to finish"
    else:
        adding = f"{len(worries)} added"
    result = [
        Task(
            "Add your worries",
            reverse("worrylists:worry_add", args=[worry_list.pk]),
            adding,
            bool(worries) and len(complete) == len(worries),
        )
    ]
    if to_carry:
        result.append(
            Task(
                "Carry forward last quarter's worries",
                reverse("worrylists:worry_list_carry_forward", args=[worry_list.pk]),
                f"{len(to_carry)} still open",
                False,
            )
        )
    ready = len(complete) == len(worries)
    result.append(
        Task(
            "Check and submit",
            reverse("worrylists:worry_list_check", args=[worry_list.pk]) if ready else None,
            "Ready to check" if ready else "Cannot start yet",
            False,
        )
    )
    return result


@dataclass(frozen=True)
class WorryChanges:
    new: int
    persisting: int
    longest_open: int  # quarters
    resolved_last_quarter: int


def worry_changes(quarter: Quarter, previous: Quarter | None) -> WorryChanges:
    """Worries on the quarter's submitted lists, new or carried from earlier quarters, and
    how many of the previous quarter's the Board resolved: for the committee report."""
    submitted = Worry.objects.filter(worry_list__quarter=quarter, worry_list__status=WorryList.Status.SUBMITTED)
    counts = submitted.aggregate(
        new=Count("pk", filter=Q(carried_from__isnull=True)),
        persisting=Count("pk", filter=Q(carried_from__isnull=False)),
        longest=Max("quarters_open"),
    )
    resolved = Worry.objects.filter(worry_list__quarter=previous, resolved=True).count() if previous else 0
    return WorryChanges(counts["new"], counts["persisting"], counts["longest"] or 0, resolved)
