"""Worry list services: the head's journey, submission, return, carry forward, reminders."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from perfmgmt.models import Quarter
from tests.factories import (
    BusinessPlanFactory,
    DmtGroupingFactory,
    FinancialYearFactory,
    MeasureFactory,
    QuarterFactory,
    ServiceFactory,
    SubmittedWorryListFactory,
    UserFactory,
    WorryFactory,
    WorryListFactory,
)
from worrylists import services
from worrylists.models import Worry, WorryList
from worrylists.selectors import TRACKER_STATES, tracker, tracker_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(org):
    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2012, 1, 13)
    quarter.save()
    return quarter


@pytest.fixture
def worry_list(org, quarter):
    return services.start_worry_list(service=org.service, quarter=quarter, by=org.head)


def test_head_starts_adds_reorders_and_submits_with_each_step_in_the_history(org, worry_list):
    first = services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Attainment at KS4")
    second = services.add_worry(worry_list=worry_list, by=org.head, kind="barrier", title="Deployment of skills")
    for worry in (first, second):
        services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="Evidence", ask="Help")
    services.move_worry(worry=second, by=org.head, up=True)
    assert list(worry_list.worries.values_list("title", flat=True)) == ["Deployment of skills", "Attainment at KS4"]
    services.submit_worry_list(worry_list=worry_list, by=org.head)
    worry_list.refresh_from_db()
    assert worry_list.status == WorryList.Status.SUBMITTED
    assert worry_list.submitted_by == org.head and worry_list.submitted_at is not None
    reasons = list(Worry.history.filter(title="Deployment of skills").values_list("history_change_reason", flat=True))
    assert f"Priority changed by {org.head}" in reasons and f"Added by {org.head}" in reasons


def test_only_the_head_of_the_service_can_start_or_change_its_list(org, quarter, worry_list):
    worry = services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Mine")
    for persona in ["other_head", "director", "strategy_officer", "contributor", "administrator"]:
        user = org.persona(persona)
        with pytest.raises(PermissionDenied):
            services.add_worry(worry_list=worry_list, by=user, kind="performance", title="Hijack")
        with pytest.raises(PermissionDenied):
            services.update_worry(worry=worry, by=user, expected_version=1, title="Hijack")
        with pytest.raises(PermissionDenied):
            services.submit_worry_list(worry_list=worry_list, by=user)
    with pytest.raises(PermissionDenied):
        services.start_worry_list(service=org.other_service, quarter=quarter, by=org.head)
    assert list(worry_list.worries.values_list("title", flat=True)) == ["Mine"]


def test_a_submitted_list_rejects_every_change_until_returned(org, worry_list):
    worry = services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Mine")
    services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="E", ask="A")
    services.submit_worry_list(worry_list=worry_list, by=org.head)
    worry.refresh_from_db()
    attempts = [
        lambda: services.add_worry(worry_list=worry_list, by=org.head, kind="barrier", title="New"),
        lambda: services.update_worry(worry=worry, by=org.head, expected_version=worry.version, title="Changed"),
        lambda: services.move_worry(worry=worry, by=org.head, up=False),
        lambda: services.remove_worry(worry=worry, by=org.head),
        lambda: services.carry_forward(worry_list=worry_list, by=org.head, worries=[]),
        lambda: services.submit_worry_list(worry_list=worry_list, by=org.head),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="submitted"):
            attempt()
    assert list(worry_list.worries.values_list("title", flat=True)) == ["Mine"]

    with pytest.raises(PermissionDenied):
        services.return_worry_list(worry_list=worry_list, by=org.director, reason="No")
    with pytest.raises(ValidationError):
        services.return_worry_list(worry_list=worry_list, by=org.strategy_officer, reason=" ")
    services.return_worry_list(worry_list=worry_list, by=org.strategy_officer, reason="Add your evidence.")
    worry_list.refresh_from_db()
    assert worry_list.status == WorryList.Status.RETURNED
    assert worry_list.returned_by == org.strategy_officer and worry_list.return_reason == "Add your evidence."
    assert worry_list.history.first().history_change_reason == f"Returned by {org.strategy_officer}: Add your evidence."
    services.update_worry(worry=worry, by=org.head, expected_version=worry.version, title="Changed")


def test_submission_needs_evidence_and_an_ask_for_every_worry(org, worry_list):
    services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Half done")
    with pytest.raises(ValidationError, match="Half done"):
        services.submit_worry_list(worry_list=worry_list, by=org.head)
    worry_list.refresh_from_db()
    assert worry_list.status == WorryList.Status.DRAFT


def test_submitting_after_the_deadline_is_allowed_and_marked_late(org, quarter, worry_list, time_machine_date):
    time_machine_date(date(2012, 1, 14))
    services.submit_worry_list(worry_list=worry_list, by=org.head)
    worry_list.refresh_from_db()
    assert worry_list.submitted_late
    assert "after the deadline" in worry_list.history.first().history_change_reason


def test_submitting_on_the_deadline_is_on_time(org, quarter, worry_list, time_machine_date):
    time_machine_date(date(2012, 1, 13))
    services.submit_worry_list(worry_list=worry_list, by=org.head)
    worry_list.refresh_from_db()
    assert not worry_list.submitted_late


def test_emails_go_after_commit_to_the_director_and_strategy_unit_then_to_the_head(
    org, worry_list, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_worry_list(worry_list=worry_list, by=org.head)
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {org.director.email, org.strategy_officer.email}
    assert mail.outbox[0].subject == "Worry list submitted: Education Standards, Q3 2011/12"
    with django_capture_on_commit_callbacks(execute=True):
        services.return_worry_list(worry_list=worry_list, by=org.strategy_officer, reason="Please add evidence")
    assert mail.outbox[1].to == [org.head.email]
    assert "Please add evidence" in mail.outbox[1].body


def test_no_email_when_the_change_does_not_happen(org, worry_list, django_capture_on_commit_callbacks):
    services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Incomplete")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.submit_worry_list(worry_list=worry_list, by=org.head)
    assert mail.outbox == []


def test_linking_another_services_measure_is_refused_and_nothing_is_saved(org, worry_list):
    worry = services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Mine")
    own = MeasureFactory(plan=BusinessPlanFactory(service=org.service))
    other = MeasureFactory(plan=BusinessPlanFactory(service=org.other_service))
    with pytest.raises(ValidationError) as error:
        services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="Changed", measures=[own, other])
    assert error.value.message_dict["measures"] == ["Choose measures from this service's business plan"]
    worry.refresh_from_db()
    assert worry.evidence == ""
    assert not worry.measures.exists() and worry.version == 1


def test_a_second_save_from_the_same_version_is_a_conflict_not_an_overwrite(org, worry_list):
    worry = services.add_worry(worry_list=worry_list, by=org.head, kind="performance", title="Shared")
    services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="First editor's words")
    with pytest.raises(services.EditConflict) as conflict:
        services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="Second editor's words")
    assert conflict.value.current.evidence == "First editor's words"
    worry.refresh_from_db()
    assert worry.evidence == "First editor's words" and worry.version == 2


def test_carry_forward_links_the_worry_to_its_earlier_self(org, quarter):
    q2 = QuarterFactory(number=2, status=Quarter.Status.CLOSED)
    earlier_list = SubmittedWorryListFactory(service=org.service, quarter=q2)
    open_worry = WorryFactory(worry_list=earlier_list, title="Caseloads")
    WorryFactory(worry_list=earlier_list, title="Sorted", resolved=True)
    worry_list = services.start_worry_list(service=org.service, quarter=quarter, by=org.head)
    assert [w.title for w in services.worries_to_carry_forward(worry_list)] == ["Caseloads"]
    (carried,) = services.carry_forward(worry_list=worry_list, by=org.head, worries=[open_worry])
    assert carried.carried_from == open_worry and carried.quarters_open == 2
    assert carried.evidence == open_worry.evidence
    assert services.worries_to_carry_forward(worry_list) == []
    with pytest.raises(ValidationError):
        services.carry_forward(worry_list=worry_list, by=org.head, worries=[open_worry])


def test_q1_carries_forward_from_q4_of_last_year(org):
    last_year_q4 = QuarterFactory(financial_year=FinancialYearFactory(start_year=2010), number=4, status="closed")
    q1 = QuarterFactory(number=1, status=Quarter.Status.OPEN)
    WorryFactory(worry_list=SubmittedWorryListFactory(service=org.service, quarter=last_year_q4), title="Old")
    worry_list = services.start_worry_list(service=org.service, quarter=q1, by=org.head)
    assert [w.title for w in services.worries_to_carry_forward(worry_list)] == ["Old"]


def test_a_list_can_only_be_started_for_an_open_quarter_once(org, quarter, worry_list):
    with pytest.raises(ValidationError, match="already has"):
        services.start_worry_list(service=org.service, quarter=quarter, by=org.head)
    planned = QuarterFactory(number=4, status=Quarter.Status.PLANNED)
    with pytest.raises(ValidationError, match="not open"):
        services.start_worry_list(service=org.service, quarter=planned, by=org.head)


def test_tracker_counts_and_late_flags_across_the_deadline(org, quarter):
    extra = [ServiceFactory(heads=[UserFactory()]) for _ in range(3)]
    DmtGroupingFactory(services=extra)
    on_time = SubmittedWorryListFactory(service=extra[0], quarter=quarter)
    SubmittedWorryListFactory(service=extra[1], quarter=quarter, submitted_late=True)
    WorryListFactory(service=org.service, quarter=quarter)  # a draft
    before = tracker_counts(quarter, today=date(2012, 1, 13))
    assert before == {"Not started": 2, "Draft": 1, "Returned": 0, "Submitted": 2, "Late": 1}
    after = tracker_counts(quarter, today=date(2012, 1, 14))
    assert after == {"Not started": 2, "Draft": 1, "Returned": 0, "Submitted": 2, "Late": 4}
    assert on_time.pk in {row.worry_list.pk for row in tracker(quarter) if row.worry_list and not row.late}
    for today in (date(2012, 1, 13), date(2012, 1, 14)):  # the database counts as the rows say
        rows = tracker(quarter, today=today)
        counted = {label: sum(1 for row in rows if row.state == state) for state, label in TRACKER_STATES.items()}
        assert tracker_counts(quarter, today=today) == {**counted, "Late": sum(1 for row in rows if row.late)}


def test_reminders_go_only_to_services_that_have_not_submitted(org, quarter, django_capture_on_commit_callbacks):
    SubmittedWorryListFactory(service=org.other_service, quarter=quarter)
    WorryListFactory(service=org.service, quarter=quarter)
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.send_reminders(quarter=quarter, by=org.strategy_officer)
    assert [item.service for item in reminded] == [org.service]
    assert [message.to for message in mail.outbox] == [[org.head.email]]
    assert "13 January 2012" in mail.outbox[0].subject
    with pytest.raises(PermissionDenied):
        services.send_reminders(quarter=quarter, by=org.head)
