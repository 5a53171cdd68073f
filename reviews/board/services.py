"""Writes for Board sessions: scheduling with an agenda built from submitted worries,
recording outcomes (which flow back to the worry), actions and their progress, themes
and the voice of the service user."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from perfmgmt.email import link, send_after_commit
from perfmgmt.history import save_with_history
from perfmgmt.models import DmtGrouping, Quarter, User
from perfmgmt.ordering import moved, renumber
from reviews.board import permissions
from reviews.models import Action, ActionUpdate, AgendaItem, BoardSession, Outcome, Theme, UserVoice
from worrylists import services as worrylist_services
from worrylists.models import Worry, WorryList


def require_strategy_unit(by: User) -> None:
    if not permissions.can_manage_sessions(by):
        raise PermissionDenied("Only the Strategy Unit manages Board sessions.")


def submitted_worries(grouping: DmtGrouping, quarter: Quarter):
    """The grouping's submitted worries for the quarter: by service, then priority."""
    return (
        Worry.objects.filter(
            worry_list__quarter=quarter,
            worry_list__status=WorryList.Status.SUBMITTED,
            worry_list__service__in=grouping.services.all(),
        )
        .select_related("worry_list__service")
        .order_by("worry_list__service__name", "position", "pk")
    )


@transaction.atomic
def schedule_session(
    *, quarter: Quarter, grouping: DmtGrouping | None, on: date, attendees: list[User], by: User
) -> BoardSession:
    """Schedule a grouping's session (its agenda is the grouping's submitted worries) or,
    with no grouping, the reflection session on the quarter's themes."""
    require_strategy_unit(by)
    kind = BoardSession.Kind.GROUPING if grouping else BoardSession.Kind.REFLECTION
    if kind == BoardSession.Kind.REFLECTION:
        _check_reflection(quarter, on)
    session = BoardSession(quarter=quarter, grouping=grouping, kind=kind, date=on, scheduled_by=by)
    try:
        with transaction.atomic():
            save_with_history(session, f"Scheduled by {by}", by)
    except IntegrityError:
        raise ValidationError({"grouping": f"{grouping} already has a session in {quarter.label}"}) from None
    session.attendees.set(attendees)
    if grouping:
        refresh_agenda(session=session, by=by)
    return session


def _check_reflection(quarter: Quarter, on: date) -> None:
    """The reflection session is held when all groupings have met."""
    met = BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.GROUPING)
    waiting = DmtGrouping.objects.exclude(board_sessions__in=met).order_by("name")
    if waiting.exists():
        names = ", ".join(grouping.name for grouping in waiting)
        raise ValidationError({"grouping": f"Schedule every grouping's session first: {names}"})
    last = met.order_by("-date").values_list("date", flat=True).first()
    if last and on < last:
        raise ValidationError(
            {"date": f"The reflection session must come after the last grouping session ({last:%-d %B %Y})"}
        )
    if BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.REFLECTION).exists():
        raise ValidationError({"grouping": f"{quarter.label} already has a reflection session"})


@transaction.atomic
def refresh_agenda(*, session: BoardSession, by: User) -> list[AgendaItem]:
    """Add worries submitted since the agenda was built, at the end, in priority order."""
    require_strategy_unit(by)
    on_agenda = set(session.agenda.values_list("worry_id", flat=True))
    last = session.agenda.aggregate(last=Max("position"))["last"] or 0
    added = []
    for worry in submitted_worries(session.grouping, session.quarter):
        if worry.pk in on_agenda:
            continue
        last += 1
        item = AgendaItem(session=session, worry=worry, position=last)
        save_with_history(item, f"Added to the agenda by {by}", by)
        added.append(item)
    return added


@transaction.atomic
def move_agenda_item(*, item: AgendaItem, by: User, up: bool) -> None:
    require_strategy_unit(by)
    items = item.session.agenda.select_for_update().order_by("position", "pk")
    renumber(moved(items, item.pk, up=up), by, f"Agenda order changed by {by}")


@transaction.atomic
def record_outcome(
    *,
    item: AgendaItem,
    by: User,
    discussion: str,
    result: str,
    learning: str = "",
    themes: list[Theme] = (),
    report_to_committee: bool = False,
) -> Outcome:
    """Record what the Board decided about a worry, and whether the committee report
    raises it. A worry resolved here is no longer
    offered for carrying forward; the head of service sees the outcome on the worry."""
    require_strategy_unit(by)
    if not discussion.strip():
        raise ValidationError({"discussion": "Summarise the discussion"})
    if result not in Outcome.Result.values:
        raise ValidationError({"result": "Choose the outcome"})
    outcome = Outcome.objects.filter(item=item).first() or Outcome(item=item)
    outcome.discussion, outcome.result, outcome.learning = discussion.strip(), result, learning.strip()
    outcome.report_to_committee = report_to_committee
    outcome.recorded_by = by
    save_with_history(outcome, f"Outcome recorded by {by}", by)
    outcome.themes.set(themes)
    worrylist_services.record_board_outcome(
        worry=item.worry,
        outcome=outcome.get_result_display(),
        discussion=outcome.discussion,
        resolved=result == Outcome.Result.RESOLVED,
        by=by,
        reason=f"Outcome at the Board on {item.session.date:%-d %B %Y}: {outcome.get_result_display()}",
    )
    session = BoardSession.objects.select_for_update().get(pk=item.session_id)
    if session.status != BoardSession.Status.HELD:
        session.status = BoardSession.Status.HELD
        save_with_history(session, f"Held: first outcome recorded by {by}", by)
    return outcome


@transaction.atomic
def record_outcome_and_action(
    *,
    item: AgendaItem,
    by: User,
    discussion: str,
    result: str,
    learning: str = "",
    themes: list[Theme] = (),
    action_title: str = "",
    action_owner: User | None = None,
    action_due: date | None = None,
    action_programme: str = "",
    report_to_committee: bool = False,
) -> Outcome:
    """The outcome of a worry and, when the Board agreed one there and then, its action:
    saved together, or neither. "Actions agreed" needs an action, unless one is already
    recorded on this outcome."""
    already = Action.objects.filter(outcome__item=item).exists()
    if result == Outcome.Result.ACTIONS and not action_title.strip() and not already:
        raise ValidationError({"action_title": "Enter the action the Board agreed, or choose another outcome"})
    outcome = record_outcome(
        item=item,
        by=by,
        discussion=discussion,
        result=result,
        learning=learning,
        themes=list(themes),
        report_to_committee=report_to_committee,
    )
    if action_title.strip():
        try:
            agree_action(
                by=by,
                title=action_title,
                owner=action_owner,
                due=action_due,
                outcome=outcome,
                programme=action_programme,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            # The form names the action's fields action_title, action_owner and so on.
            raise ValidationError({f"action_{field}": errors for field, errors in error.error_dict.items()}) from None
    return outcome


@transaction.atomic
def agree_action(
    *,
    by: User,
    title: str,
    owner: User,
    due: date,
    outcome: Outcome | None = None,
    theme: Theme | None = None,
    programme: str = "",
) -> Action:
    require_strategy_unit(by)
    if outcome is None and theme is None:
        raise ValidationError("An action comes from a worry's outcome or from a theme.")
    if not title.strip():
        raise ValidationError({"title": "Enter the action"})
    if not owner.is_active:
        raise ValidationError({"owner": "Choose an owner who can sign in"})
    same = Action.objects.filter(title__iexact=title.strip(), owner=owner, due_date=due, outcome=outcome, theme=theme)
    if same.exists():
        raise ValidationError({"title": "This action is already recorded"})
    action = Action(
        title=title.strip(),
        owner=owner,
        due_date=due,
        outcome=outcome,
        theme=theme,
        programme=programme.strip(),
        agreed_by=by,
    )
    save_with_history(action, f"Agreed at the Board, recorded by {by}", by)
    return action


@transaction.atomic
def update_action_progress(*, action: Action, by: User, quarter: Quarter, status: str, commentary: str) -> Action:
    """The owner reports progress for the quarter; the action takes the new status."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if not permissions.can_update_action(by, action):
        raise PermissionDenied("Only the action's owner can update its progress.")
    if status not in Action.Status.values:
        raise ValidationError({"status": "Choose the progress status"})
    if not commentary.strip():
        raise ValidationError({"commentary": "Say what has happened since the last update"})
    update = ActionUpdate(action=action, quarter=quarter, status=status, commentary=commentary.strip(), given_by=by)
    save_with_history(update, f"Progress given by {by}", by)
    if action.status != status:
        action.status = status
        save_with_history(action, f"Progress: {action.get_status_display()} ({by})", by)
    return action


def overdue_actions(today: date):
    """Actions past their due date and not complete."""
    return Action.objects.filter(due_date__lt=today).exclude(status=Action.Status.COMPLETE)


@transaction.atomic
def save_theme(
    *, by: User, name: str, description: str, response: str, status: str, theme: Theme | None = None
) -> Theme:
    require_strategy_unit(by)
    if not name.strip():
        raise ValidationError({"name": "Enter the theme"})
    if status not in Theme.Status.values:
        raise ValidationError({"status": "Choose the theme's status"})
    if Theme.objects.filter(name__iexact=name.strip()).exclude(pk=getattr(theme, "pk", None)).exists():
        raise ValidationError({"name": "There is already a theme with this name"})
    theme = theme or Theme()
    theme.name, theme.description, theme.response, theme.status = (
        name.strip(),
        description.strip(),
        response.strip(),
        status,
    )
    try:
        with transaction.atomic():
            save_with_history(theme, f"Saved by {by}", by)
    except IntegrityError:  # the same name saved by someone else a moment ago
        raise ValidationError({"name": "There is already a theme with this name"}) from None
    return theme


@transaction.atomic
def save_user_voice(
    *,
    by: User,
    quarter: Quarter,
    source: str,
    title: str,
    services: list,
    summary: str,
    key_figures: str,
    changes: str,
    item: UserVoice | None = None,
) -> UserVoice:
    require_strategy_unit(by)
    if source not in UserVoice.Source.values:
        raise ValidationError({"source": "Choose where the evidence comes from"})
    if not title.strip():
        raise ValidationError({"title": "Enter a title"})
    if not summary.strip():
        raise ValidationError({"summary": "Summarise what service users said"})
    item = item or UserVoice(recorded_by=by)
    item.quarter, item.source, item.title, item.summary = quarter, source, title.strip(), summary.strip()
    item.key_figures, item.changes = key_figures.strip(), changes.strip()
    save_with_history(item, f"Recorded by {by}", by)
    item.services.set(services)
    return item


def remind_overdue_action_owners(*, today: date, by: User | None = None) -> list[Action]:
    """Email each owner of an overdue action (after commit). ``by`` is the Strategy Unit
    officer pressing the button, or None for the scheduler."""
    if by is not None:
        require_strategy_unit(by)
    reminded = []
    for action in overdue_actions(today).select_related("owner"):
        owner = action.owner
        if not (owner.is_active and owner.email):
            continue
        send_after_commit(
            f"Overdue action: {action.title}",
            f"This action agreed at the Strategic Directors Board was due on {action.due_date:%-d %B %Y} and is "
            f"not complete. Please update its progress.\n\n{link('board:action_progress', action.pk)}\n",
            [owner.email],
        )
        reminded.append(action)
    return reminded
