"""Reads for Board sessions, the action plan, themes and user voice."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from perfmgmt.models import Quarter, User
from perfmgmt.quarters import quarter_for_date
from reviews.board.permissions import actions_visible_to, sessions_visible_to
from reviews.board.rules import action_overdue
from reviews.models import Action, ActionUpdate, AgendaItem, BoardSession, Theme, UserVoice


def sessions_for(user: User, quarter: Quarter) -> QuerySet[BoardSession]:
    """The quarter's sessions, each with how many worries are on its agenda (counted in
    the database: a grouping's agenda at ten times a council is hundreds of worries)."""
    return (
        sessions_visible_to(user)
        .filter(quarter=quarter)
        .select_related("grouping")
        .annotate(agenda_count=Count("agenda", distinct=True))  # a head of two services sees a session once
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


def action_plan(user: User | None, today: date, **filters) -> list[ActionRow]:
    """The whole action plan, filtered as action_plan_actions is; without a user every
    action, for printing in a committee report's appendix."""
    return action_rows(action_plan_actions(user, today, **filters), today)


def action_plan_actions(
    user: User | None,
    today: date,
    *,
    status: str = "",
    owner: User | None = None,
    theme=None,
    quarter: Quarter | None = None,
    directorate=None,
    overdue_only: bool = False,
) -> QuerySet[Action]:
    """The actions of the action plan, due first, as a queryset a page can be cut from."""
    actions = (
        (actions_visible_to(user) if user is not None else Action.objects.all())
        .select_related(
            "owner", "theme", "outcome__item__worry__worry_list__service", "outcome__item__session__grouping"
        )
        .prefetch_related(Prefetch("updates", queryset=ActionUpdate.objects.order_by("-given_at", "-pk")))
    )
    if status:
        actions = actions.filter(status=status)
    if owner is not None:
        actions = actions.filter(owner=owner)
    # Filters through a many-valued relation can match an action twice: only they need DISTINCT,
    # which over the whole select is the slowest part of the page at ten times a council.
    many = False
    if theme is not None:
        actions, many = actions.filter(Q(theme=theme) | Q(outcome__themes=theme)), True
    if quarter is not None:
        # Agreed at one of the quarter's sessions, or (for a theme's action) during the quarter.
        actions = actions.filter(
            Q(outcome__item__session__quarter=quarter)
            | Q(outcome__isnull=True, agreed_at__date__gte=quarter.start, agreed_at__date__lte=quarter.end)
        )
    if directorate is not None:
        # From a worry of the directorate's services, or owned by one of its heads of service.
        actions, many = (
            actions.filter(
                Q(outcome__item__worry__worry_list__service__directorate=directorate)
                | Q(owner__headed_services__directorate=directorate)
            ),
            True,
        )
    if overdue_only:  # as rules.action_overdue decides it, in SQL
        actions = actions.filter(due_date__lt=today).exclude(status=Action.Status.COMPLETE)
    return (actions.distinct() if many else actions).order_by("due_date", "pk")


def action_rows(actions, today: date) -> list[ActionRow]:
    """Each action with where it came from, whether it is overdue and its latest update."""
    rows = []
    for action in actions:
        if action.outcome_id:
            worry = action.outcome.item.worry
            source = f"{worry.title} ({worry.worry_list.service.name})"
        else:
            source = f"Theme: {action.theme.name}"
        updates = list(action.updates.all())
        rows.append(ActionRow(action, source, action_overdue(action, today), updates[0] if updates else None))
    return rows


def themes() -> QuerySet[Theme]:
    return Theme.objects.annotate(
        raised=Count("outcomes", distinct=True), action_count=Count("actions", distinct=True)
    ).order_by("name")


def theme_page(theme: Theme):
    outcomes = theme.outcomes.select_related(
        "item__worry__worry_list__service", "item__session__quarter__financial_year", "item__session__grouping"
    ).order_by("item__session__date")
    # The theme's own actions and those agreed on worries that raised it.
    actions = (
        Action.objects.filter(Q(theme=theme) | Q(outcome__themes=theme))
        .distinct()
        .select_related("owner")
        .order_by("due_date")
    )
    return list(outcomes), list(actions)


def user_voice(quarter: Quarter, *, service_pk: int | None = None) -> QuerySet[UserVoice]:
    items = UserVoice.objects.filter(quarter=quarter).prefetch_related("services").select_related("recorded_by")
    if service_pk is not None:
        items = items.filter(services__pk=service_pk)
    return items.order_by("title")


@dataclass(frozen=True)
class ThemeStatus:
    quarter: str
    status: str
    response: str
    when: date


def theme_status_over_time(theme: Theme) -> list[ThemeStatus]:
    """The theme's status and response each time they changed, labelled with the quarter
    they changed in, oldest first: one query, from the theme's history."""
    entries = []
    for record in theme.history.order_by("history_date"):
        day = timezone.localdate(record.history_date)
        status = Theme.Status(record.status).label
        if entries and (entries[-1].status, entries[-1].response) == (status, record.response):
            continue
        entries.append(ThemeStatus(quarter_for_date(day).label, status, record.response, day))
    return entries
