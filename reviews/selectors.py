"""Reads for Board session and action plan pages, with related rows fetched up front."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from perfmgmt.models import Quarter, User
from reviews.models import Action, ActionUpdate, AgendaItem, BoardSession
from reviews.permissions import actions_visible_to, sessions_visible_to


def sessions_for(user: User, quarter: Quarter) -> QuerySet[BoardSession]:
    return (
        sessions_visible_to(user)
        .filter(quarter=quarter)
        .select_related("grouping")
        .prefetch_related("attendees", "agenda")
        .order_by("date", "pk")
    )


def session_page(session: BoardSession) -> list[AgendaItem]:
    return list(
        session.agenda.select_related("worry__worry_list__service", "outcome__recorded_by")
        .prefetch_related("outcome__themes", "outcome__actions__owner")
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class ActionRow:
    action: Action
    source: str
    overdue: bool
    latest: ActionUpdate | None


def action_plan(
    user: User, today: date, *, status: str = "", owner: User | None = None, theme=None, overdue_only: bool = False
) -> list[ActionRow]:
    actions = (
        actions_visible_to(user)
        .select_related("owner", "theme", "outcome__item__worry__worry_list__service", "outcome__item__session")
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("-given_at", "-pk")))
    )
    if status:
        actions = actions.filter(status=status)
    if owner is not None:
        actions = actions.filter(owner=owner)
    if theme is not None:
        actions = actions.filter(theme=theme) | actions.filter(outcome__themes=theme)
    rows = []
    for action in actions.distinct().order_by("due_date", "pk"):
        overdue = action.due_date < today and action.status != Action.Status.COMPLETE
        if overdue_only and not overdue:
            continue
        if action.outcome_id:
            worry = action.outcome.item.worry
            source = f"{worry.title} ({worry.worry_list.service.name})"
        else:
            source = f"Theme: {action.theme.name}"
        updates = list(action.updates.all())
        rows.append(ActionRow(action, source, overdue, updates[0] if updates else None))
    return rows
