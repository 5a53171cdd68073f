"""Writes to worry lists. Each checks who is acting, changes one thing, and records who
and why in the history; a submitted list cannot be changed by any of them."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from perfmgmt import workflow
from perfmgmt.history import save_with_history
from perfmgmt.models import BenchmarkIndicator, Measure, Quarter, Service, User
from perfmgmt.ordering import moved, renumber
from perfmgmt.permissions import is_head_of
from perfmgmt.roles import Role
from worrylists import notifications
from worrylists.models import Worry, WorryList

WORRY_TEXT_FIELDS = ("kind", "title", "evidence", "impact", "tried", "ask")
TITLE_LENGTH = Worry._meta.get_field("title").max_length


class EditConflict(Exception):
    """Someone else saved the worry since this editor opened it."""

    def __init__(self, current: Worry):
        super().__init__(f"{current.title} was changed by someone else.")
        self.current = current


def _locked_list(worry_list: WorryList, by: User) -> WorryList:
    """The list, locked for this transaction, if the user may still change it."""
    worry_list = (
        WorryList.objects.select_for_update(of=("self",))
        .select_related("service__directorate", "quarter__financial_year")
        .get(pk=worry_list.pk)
    )
    if not is_head_of(by, worry_list.service):
        raise PermissionDenied("Only the head of service can change this worry list.")
    if not worry_list.is_editable:
        raise PermissionDenied("This worry list has been submitted, so it cannot be changed.")
    if worry_list.quarter.status != Quarter.Status.OPEN:
        raise PermissionDenied(f"{worry_list.quarter.label} is closed, so its worry lists cannot be changed.")
    return worry_list


@transaction.atomic
def start_worry_list(*, service: Service, quarter: Quarter, by: User) -> WorryList:
    if not is_head_of(by, service):
        raise PermissionDenied("Only the head of service can start its worry list.")
    if quarter.status != Quarter.Status.OPEN:
        raise ValidationError(f"{quarter.label} is not open, so its worry lists cannot be started.")
    if WorryList.objects.filter(service=service, quarter=quarter).exists():
        raise ValidationError(f"{service} already has a worry list for {quarter.label}.")
    worry_list = WorryList(service=service, quarter=quarter, started_by=by)
    save_with_history(worry_list, f"Started by {by}", by)
    return worry_list


def _clean_links(worry_list: WorryList, measures, indicators) -> None:
    errors = {}
    if any(measure.plan.service_id != worry_list.service_id for measure in measures):
        errors["measures"] = "Choose measures from this service's business plan"
    if any(not isinstance(indicator, BenchmarkIndicator) for indicator in indicators):
        errors["indicators"] = "Choose benchmark indicators from the list"
    if errors:
        raise ValidationError(errors)


def _refuse_if_discussed(worry: Worry) -> None:
    """What the Board discussed is kept as it was discussed: the report and the packs
    print it, so a list returned after the Board met cannot rewrite or remove it."""
    if worry.board_outcome:
        raise ValidationError(
            f"The Board has discussed “{worry.title}”, so it is kept as discussed. To raise something new about it, "
            "add another worry."
        )


def _check_text(fields: dict) -> None:
    if "kind" in fields and fields["kind"] not in Worry.Kind.values:
        raise ValidationError({"kind": "Choose what kind of worry this is"})
    if "title" in fields and not fields["title"].strip():
        raise ValidationError({"title": "Enter a title for the worry"})
    if "title" in fields and len(fields["title"].strip()) > TITLE_LENGTH:
        raise ValidationError({"title": f"Title must be {TITLE_LENGTH} characters or fewer"})


@transaction.atomic
def add_worry(*, worry_list: WorryList, by: User, kind: str, title: str) -> Worry:
    worry_list = _locked_list(worry_list, by)
    _check_text({"kind": kind, "title": title})
    last = worry_list.worries.aggregate(last=Max("position"))["last"] or 0
    worry = Worry(worry_list=worry_list, kind=kind, title=title.strip(), position=last + 1)
    save_with_history(worry, f"Added by {by}", by)
    return worry


@transaction.atomic
def update_worry(
    *,
    worry: Worry,
    by: User,
    expected_version: int,
    measures: list[Measure] | None = None,
    indicators: list[BenchmarkIndicator] | None = None,
    **fields,
) -> Worry:
    """Save changes made from the version the editor started with. If someone else
    saved in between, nothing is saved and EditConflict carries their version."""
    worry_list = _locked_list(worry.worry_list, by)
    current = Worry.objects.select_for_update().get(pk=worry.pk, worry_list=worry_list)
    _refuse_if_discussed(current)
    if current.version != expected_version:
        raise EditConflict(current)
    unknown = set(fields) - set(WORRY_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not worry fields: {unknown}")
    _check_text(fields)
    if measures is not None or indicators is not None:
        _clean_links(worry_list, measures or [], indicators or [])
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    current.version += 1
    save_with_history(current, f"Changed by {by}", by)
    if measures is not None:
        current.measures.set(measures)
    if indicators is not None:
        current.indicators.set(indicators)
    return current


@transaction.atomic
def move_worry(*, worry: Worry, by: User, up: bool) -> None:
    """Swap the worry with its neighbour in priority order."""
    worry_list = _locked_list(worry.worry_list, by)
    worries = worry_list.worries.select_for_update().order_by("position", "pk")
    renumber(moved(worries, worry.pk, up=up), by, f"Priority changed by {by}")


@transaction.atomic
def remove_worry(*, worry: Worry, by: User, expected_version: int | None = None) -> None:
    """Remove a worry; with expected_version, only if nobody has changed it since."""
    worry_list = _locked_list(worry.worry_list, by)
    worry = Worry.objects.select_for_update().get(pk=worry.pk, worry_list=worry_list)
    _refuse_if_discussed(worry)
    if expected_version is not None and worry.version != expected_version:
        raise EditConflict(worry)
    worry._change_reason, worry._history_user = f"Removed by {by}", by
    try:
        with transaction.atomic():
            worry.delete()
    except ProtectedError:  # on a Board agenda, though not yet discussed
        raise ValidationError(
            f"“{worry.title}” is on the Board's agenda, so it cannot be removed. Ask the Strategy Unit to take it "
            "off the agenda first, or change it to say what has changed."
        ) from None
    renumber(worry_list.worries.order_by("position", "pk"), by, f"Priority changed by {by}")


def previous_list(worry_list: WorryList) -> WorryList | None:
    ref = worry_list.quarter.ref.previous()
    return (
        WorryList.objects.filter(
            service=worry_list.service,
            quarter__financial_year__start_year=ref.start_year,
            quarter__number=ref.number,
        )
        .select_related("quarter__financial_year")
        .first()
    )


def worries_to_carry_forward(worry_list: WorryList) -> list[Worry]:
    """Last quarter's unresolved worries that are not on this list yet."""
    earlier = previous_list(worry_list)
    if earlier is None:
        return []
    return list(
        earlier.worries.filter(resolved=False, carried_to__isnull=True).prefetch_related("measures", "indicators")
    )


@transaction.atomic
def carry_forward(*, worry_list: WorryList, by: User, worries: list[Worry]) -> list[Worry]:
    worry_list = _locked_list(worry_list, by)
    offered = {worry.pk: worry for worry in worries_to_carry_forward(worry_list)}
    if any(worry.pk not in offered for worry in worries):
        raise ValidationError({"worries": "Choose from last quarter's unresolved worries"})
    last = worry_list.worries.aggregate(last=Max("position"))["last"] or 0
    carried = []
    for position, earlier in enumerate((offered[w.pk] for w in worries), start=last + 1):
        worry = Worry(
            worry_list=worry_list,
            position=position,
            carried_from=earlier,
            quarters_open=earlier.quarters_open + 1,
            **{name: getattr(earlier, name) for name in WORRY_TEXT_FIELDS},
        )
        save_with_history(worry, f"Carried forward from {earlier.worry_list.quarter.label} by {by}", by)
        # Measures move on with the plan year; keep only those still in this year's plan.
        worry.measures.set(
            [m for m in earlier.measures.all() if m.plan.financial_year_id == worry_list.quarter.financial_year_id]
        )
        worry.indicators.set(earlier.indicators.all())
        carried.append(worry)
    return carried


@transaction.atomic
def submit_worry_list(*, worry_list: WorryList, by: User) -> WorryList:
    worry_list = _locked_list(worry_list, by)
    incomplete = [worry.title for worry in worry_list.worries.all() if not worry.is_complete]
    if incomplete:
        raise ValidationError(
            "Say what is happening and what you ask of the Board for every worry before you submit: "
            + "; ".join(incomplete)
        )
    today = timezone.localdate()
    deadline = worry_list.quarter.worry_list_deadline
    worry_list.submitted_late = bool(deadline and today > deadline)
    workflow.move(
        worry_list,
        WorryList.Status.SUBMITTED,
        by=by,
        reason=f"Submitted by {by}" + (" after the deadline" if worry_list.submitted_late else ""),
        stamp="submitted",
    )
    notifications.worry_list_submitted(worry_list)
    return worry_list


@transaction.atomic
def return_worry_list(*, worry_list: WorryList, by: User, reason: str) -> WorryList:
    """The Strategy Unit reopens a submitted list for revision, saying why."""
    if not by.has_role(Role.STRATEGY_UNIT):
        raise PermissionDenied("Only the Strategy Unit can return a worry list.")
    worry_list = (
        WorryList.objects.select_for_update(of=("self",)).select_related("service", "quarter").get(pk=worry_list.pk)
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the worry list is being returned"})
    worry_list.return_reason = reason.strip()
    workflow.move(
        worry_list,
        WorryList.Status.RETURNED,
        by=by,
        reason=f"Returned by {by}: {worry_list.return_reason}",
        refused="Only a submitted worry list can be returned.",
        stamp="returned",
    )
    notifications.worry_list_returned(worry_list)
    return worry_list


def services_meeting_the_board():
    """Services in a DMT grouping: the ones that bring a worry list to the Board."""
    return Service.objects.filter(groupings__isnull=False).distinct().order_by("name")


@dataclass(frozen=True)
class Reminded:
    service: Service
    worry_list: WorryList | None


@transaction.atomic
def send_reminders(*, quarter: Quarter, by: User | None = None) -> list[Reminded]:
    """Remind the heads of every service whose list for the quarter is not submitted.
    ``by`` is the Strategy Unit officer pressing the button, or None for the scheduler."""
    if by is not None and not by.has_role(Role.STRATEGY_UNIT):
        raise PermissionDenied("Only the Strategy Unit can send reminders.")
    lists = {wl.service_id: wl for wl in WorryList.objects.filter(quarter=quarter)}
    reminded = []
    for service in services_meeting_the_board().prefetch_related("heads"):
        worry_list = lists.get(service.pk)
        if worry_list and worry_list.status == WorryList.Status.SUBMITTED:
            continue
        if notifications.worry_list_reminder(service, quarter, worry_list):
            reminded.append(Reminded(service, worry_list))
    return reminded


@transaction.atomic
def record_board_outcome(
    *, worry: Worry, outcome: str, discussion: str, resolved: bool, by: User, reason: str
) -> Worry:
    """Show the Board's outcome on the worry, and mark it resolved or not; resolved
    worries are not offered for carrying forward. Works on submitted lists too."""
    if not by.has_role(Role.STRATEGY_UNIT):
        raise PermissionDenied("Only the Strategy Unit records Board outcomes.")
    worry = Worry.objects.select_for_update().get(pk=worry.pk)
    wanted = {"board_outcome": outcome, "board_discussion": discussion, "resolved": resolved}
    if any(getattr(worry, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(worry, name, value)
        save_with_history(worry, reason, by)
    return worry
