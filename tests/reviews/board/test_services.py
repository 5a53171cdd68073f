"""Board sessions: agenda from submitted worries, outcomes flowing back, actions and progress."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perfmgmt.models import DmtGrouping, Quarter
from reviews.board import services
from reviews.board.rules import action_overdue
from reviews.models import Action, BoardSession, Outcome, Theme
from tests.factories import SubmittedWorryListFactory, WorryFactory, WorryListFactory
from worrylists import services as worrylist_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def grouping(org):
    return DmtGrouping.objects.get(name="Children and young people")


@pytest.fixture
def submitted(org, grouping):
    worry_list = SubmittedWorryListFactory(service=org.service, quarter=Quarter.objects.get())
    return [
        WorryFactory(worry_list=worry_list, title="Second priority", position=2),
        WorryFactory(worry_list=worry_list, title="First priority", position=1),
    ]


def test_scheduling_builds_the_agenda_from_submitted_worries_in_priority_order(org, grouping, submitted):
    WorryFactory(worry_list=WorryListFactory(service=org.other_service, quarter=Quarter.objects.get()), title="Draft")
    session = services.schedule_session(
        quarter=Quarter.objects.get(),
        grouping=grouping,
        on=date(2012, 1, 24),
        attendees=[org.director],
        by=org.strategy_officer,
    )
    assert [item.worry.title for item in session.agenda.all()] == ["First priority", "Second priority"]
    assert list(session.attendees.all()) == [org.director]
    assert session.history.first().history_user == org.strategy_officer


def test_only_the_strategy_unit_schedules_and_a_grouping_meets_once_a_quarter(org, grouping, submitted):
    for persona in ["head", "director", "contributor", "clerk", "administrator"]:
        with pytest.raises(PermissionDenied):
            services.schedule_session(
                quarter=Quarter.objects.get(),
                grouping=grouping,
                on=date(2012, 1, 24),
                attendees=[],
                by=org.persona(persona),
            )
    services.schedule_session(
        quarter=Quarter.objects.get(), grouping=grouping, on=date(2012, 1, 24), attendees=[], by=org.strategy_officer
    )
    with pytest.raises(ValidationError, match="already has a session"):
        services.schedule_session(
            quarter=Quarter.objects.get(),
            grouping=grouping,
            on=date(2012, 1, 31),
            attendees=[],
            by=org.strategy_officer,
        )
    assert BoardSession.objects.count() == 1


def test_the_agenda_can_be_reordered_and_refreshed(org, grouping, submitted):
    session = services.schedule_session(
        quarter=Quarter.objects.get(), grouping=grouping, on=date(2012, 1, 24), attendees=[], by=org.strategy_officer
    )
    last = session.agenda.get(worry__title="Second priority")
    services.move_agenda_item(item=last, by=org.strategy_officer, up=True)
    assert [i.worry.title for i in session.agenda.all()] == ["Second priority", "First priority"]
    WorryFactory(worry_list=submitted[0].worry_list, title="Late addition", position=3)
    added = services.refresh_agenda(session=session, by=org.strategy_officer)
    assert [item.worry.title for item in added] == ["Late addition"]
    assert services.refresh_agenda(session=session, by=org.strategy_officer) == []


def test_a_resolved_outcome_flows_back_to_the_worry_and_stops_carry_forward(org, grouping, submitted):
    session = services.schedule_session(
        quarter=Quarter.objects.get(), grouping=grouping, on=date(2012, 1, 24), attendees=[], by=org.strategy_officer
    )
    item = session.agenda.first()
    theme = Theme.objects.create(name="Customer focus")
    outcome = services.record_outcome(
        item=item,
        by=org.strategy_officer,
        discussion="Discussed at length.",
        result="resolved",
        learning="Learn from the learning disabilities work.",
        themes=[theme],
    )
    item.worry.refresh_from_db()
    assert item.worry.resolved
    assert list(outcome.themes.all()) == [theme]
    assert BoardSession.objects.get(pk=session.pk).status == BoardSession.Status.HELD
    next_quarter = Quarter.objects.create(financial_year=Quarter.objects.get().financial_year, number=4, status="open")
    next_list = worrylist_services.start_worry_list(service=org.service, quarter=next_quarter, by=org.head)
    offered = [w.title for w in worrylist_services.worries_to_carry_forward(next_list)]
    assert item.worry.title not in offered and len(offered) == 1


def test_an_outcome_needs_a_summary_and_a_known_result(org, grouping, submitted):
    session = services.schedule_session(
        quarter=Quarter.objects.get(), grouping=grouping, on=date(2012, 1, 24), attendees=[], by=org.strategy_officer
    )
    item = session.agenda.first()
    with pytest.raises(ValidationError):
        services.record_outcome(item=item, by=org.strategy_officer, discussion=" ", result="resolved")
    with pytest.raises(ValidationError):
        services.record_outcome(item=item, by=org.strategy_officer, discussion="x", result="shrugged")
    with pytest.raises(PermissionDenied):
        services.record_outcome(item=item, by=org.director, discussion="x", result="actions")
    assert not Outcome.objects.exists()


def test_actions_are_agreed_and_only_their_owner_updates_progress(org, grouping, submitted):
    session = services.schedule_session(
        quarter=Quarter.objects.get(), grouping=grouping, on=date(2012, 1, 24), attendees=[], by=org.strategy_officer
    )
    outcome = services.record_outcome(
        item=session.agenda.first(), by=org.strategy_officer, discussion="Agreed a package.", result="actions"
    )
    action = services.agree_action(
        by=org.strategy_officer,
        title="Package of apprenticeship actions",
        owner=org.head,
        due=date(2012, 3, 31),
        outcome=outcome,
        programme="Transformation Programme – Customer Management",
    )
    for persona in ["other_head", "director", "strategy_officer"]:
        with pytest.raises(PermissionDenied):
            services.update_action_progress(
                action=action,
                by=org.persona(persona),
                quarter=Quarter.objects.get(),
                status="complete",
                commentary="Done",
            )
    with pytest.raises(ValidationError):
        services.update_action_progress(
            action=action, by=org.head, quarter=Quarter.objects.get(), status="on_track", commentary=""
        )
    services.update_action_progress(
        action=action, by=org.head, quarter=Quarter.objects.get(), status="at_risk", commentary="Budget unclear."
    )
    action.refresh_from_db()
    assert action.status == Action.Status.AT_RISK
    assert action.updates.get().given_by == org.head


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (date(2012, 3, 30), "on_track", True),
        (date(2012, 3, 31), "on_track", False),  # due today is not overdue
        (date(2012, 3, 1), "complete", False),
        (date(2012, 4, 30), "not_started", False),
    ],
)
def test_overdue_respects_dates_and_status(org, due, status, overdue):
    theme = Theme.objects.create(name="Evidence-basing")
    action = services.agree_action(by=org.strategy_officer, title="Act", owner=org.head, due=due, theme=theme)
    Action.objects.filter(pk=action.pk).update(status=status)
    action.refresh_from_db()
    assert action_overdue(action, date(2012, 3, 31)) is overdue
    assert (action in services.overdue_actions(date(2012, 3, 31))) is overdue


def test_an_action_comes_from_a_worry_or_a_theme(org):
    with pytest.raises(ValidationError):
        services.agree_action(by=org.strategy_officer, title="Floating", owner=org.head, due=date(2012, 3, 31))
