"""Each role's home page says what needs doing next in the current quarter, with links,
and its number of queries does not grow with the council."""

import re
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from perfmgmt.models import DmtGrouping, Quarter
from perfmgmt.quarters import quarter_for_date
from reviews.annexes.services import annex_for, save_note
from reviews.board import services as board
from reviews.models import Theme
from tests.factories import (
    BusinessPlanFactory,
    FinancialYearFactory,
    MeasureFactory,
    MeasureFigureFactory,
    QuarterFactory,
    ServiceFactory,
    SubmittedPlanFactory,
    SubmittedWorryListFactory,
    UserFactory,
    WorryFactory,
    WorryListFactory,
)
from worrylists import services as worry_lists


def tasks(client, user) -> list[tuple[str, str, str]]:
    """(link or text, status tag, hint) of every task on the person's home page."""
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    found = []
    for item in re.findall(r'<li class="govuk-task-list__item.*?</li>', html, re.S):
        name = re.search(r"<(?:a|span)[^>]*>([^<]+)</(?:a|span)>", item).group(1)
        status = re.search(r'<strong class="govuk-tag[^"]*">([^<]+)</strong>', item)
        hint = re.search(r'govuk-task-list__hint[^"]*">([^<]+)</div>', item)
        found.append((unescape(name), status.group(1) if status else "", unescape(hint.group(1)) if hint else ""))
    return found


def links(client, user) -> list[str]:
    client.force_login(user)
    return re.findall(r'govuk-task-list__link" href="([^"]+)"', client.get(reverse("home")).content.decode())


@pytest.mark.django_db
def test_a_head_of_service_is_offered_their_list_from_start_to_submission(client, org):
    quarter = Quarter.objects.get()
    start = reverse("worrylists:worry_list_start", args=[org.service.pk, quarter.pk])
    assert ("Start the Education Standards worry list", "Not started", "") in tasks(client, org.head)
    assert start in links(client, org.head)
    assert not any("Employment and Skills" in name for name, _, _ in tasks(client, org.head))

    worry_list = worry_lists.start_worry_list(service=org.service, quarter=quarter, by=org.head)
    assert ("Continue the Education Standards worry list", "In progress", "") in tasks(client, org.head)
    WorryFactory(worry_list=worry_list)
    worry_lists.submit_worry_list(worry_list=worry_list, by=org.head)
    worry_lists.return_worry_list(worry_list=worry_list, by=org.strategy_officer, reason="Add the evidence.")
    returned = next(task for task in tasks(client, org.head) if "worry list" in task[0])
    assert returned == (
        "Revise the Education Standards worry list",
        "Returned",
        f"Returned by {org.strategy_officer}: Add the evidence.",
    )
    worry_lists.submit_worry_list(worry_list=worry_list, by=org.head)
    assert tasks(client, org.head)[0][:2] == ("Education Standards worry list", "Submitted")


@pytest.mark.django_db
def test_a_head_of_service_sees_figures_due_and_actions_to_update(client, org):
    quarter = Quarter.objects.get()
    assert ("Start the Education Standards business plan for 2011/12", "Not started", "") in tasks(client, org.head)

    plan = BusinessPlanFactory(service=org.service, financial_year=quarter.financial_year)
    entered, _ = MeasureFactory(plan=plan), MeasureFactory(plan=plan)
    MeasureFigureFactory(measure=entered, quarter=quarter, actual=5)
    home = tasks(client, org.head)
    assert ("Finish the Education Standards business plan", "Draft", "") in home
    assert ("Education Standards figures for Q3 2011/12", "To do", "1 of 2 measures have a Q3 2011/12 figure") in home

    theme = Theme.objects.create(name="Customer focus")
    action = board.agree_action(
        by=org.strategy_officer, title="Map the customer journey", owner=org.head, due=date(2012, 1, 31), theme=theme
    )
    assert ("Map the customer journey", "Not started", "Due 31 January 2012: overdue") in tasks(client, org.head)
    board.update_action_progress(
        action=action, by=org.head, quarter=quarter, status="on_track", commentary="Workshops held."
    )
    assert not any(name == "Map the customer journey" for name, _, _ in tasks(client, org.head))


@pytest.mark.django_db
def test_a_director_sees_the_directorates_submissions_and_plans_to_agree(client, org):
    quarter = Quarter.objects.get()
    second = ServiceFactory(name="Early Help", directorate=org.directorate, heads=[org.other_head])
    DmtGrouping.objects.get(name="Children and young people").services.add(second)
    SubmittedWorryListFactory(service=second, quarter=quarter)
    plan = SubmittedPlanFactory(service=org.service, financial_year=quarter.financial_year)
    client.force_login(org.director)
    html = client.get(reverse("home")).content.decode()
    assert "1 of 2 submitted" in html
    home = tasks(client, org.director)
    assert ("Early Help", "Submitted", "") in home and ("Education Standards", "Not started", "") in home
    assert ("Education Standards business plan 2011/12", "Waiting for you", "") in home
    assert reverse("plans:plan_detail", args=[plan.pk]) in links(client, org.director)
    assert not any("Employment and Skills" in name for name, _, _ in home)


@pytest.mark.django_db
def test_the_strategy_unit_sees_submissions_annexes_notes_and_outcomes_to_record(client, org):
    quarter = Quarter.objects.get()
    worry_list = SubmittedWorryListFactory(service=org.service, quarter=quarter)
    WorryFactory(worry_list=worry_list, title="Attainment")
    home = tasks(client, org.strategy_officer)
    assert ("1 of 2 submitted", "In progress", "0 in draft, 0 returned, 1 not started") in home
    assert ("Set the deadlines for Q3 2011/12", "To do", "") in home

    session = board.schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Children and young people"),
        on=date(2012, 2, 7),
        attendees=[org.director],
        by=org.strategy_officer,
    )
    save_note(
        annex=annex_for(session),
        by=org.contributor,
        service=org.service,
        concern="The audit found gaps.",
        rating="medium",
        source_reference="",
    )
    home = tasks(client, org.strategy_officer)
    assert (
        "Compile the annex for Children and young people",
        "To do",
        "Notes not yet written: Corporate Projects, Risk Management",
    ) in home
    assert (
        "Record the Board's outcomes for Children and young people",
        "0 of 1 recorded",
        "Session on 7 February 2012",
    ) in home
    assert reverse("annexes:annex_detail", args=[session.pk]) in links(client, org.strategy_officer)

    board.record_outcome(item=session.agenda.get(), by=org.strategy_officer, discussion="Noted.", result="resolved")
    assert not any(name.startswith("Record the Board") for name, _, _ in tasks(client, org.strategy_officer))


@pytest.mark.django_db
def test_a_contributor_sees_the_annexes_wanting_their_notes_and_the_deadline(client, org):
    quarter = Quarter.objects.get()
    quarter.annex_notes_deadline = date(2012, 1, 27)
    quarter.save()
    session = board.schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Regeneration"),
        on=date(2012, 2, 14),
        attendees=[],
        by=org.strategy_officer,
    )
    client.force_login(org.contributor)
    html = client.get(reverse("home")).content.decode()
    assert "Annexes wanting Internal Audit notes" in html and "Due 27 January 2012" in html
    assert ("Write notes for the Regeneration annex", "To do", "") in tasks(client, org.contributor)
    save_note(
        annex=annex_for(session),
        by=org.contributor,
        service=org.other_service,
        concern="The programme has no milestones.",
        rating="high",
        source_reference="",
    )
    assert ("Annex for Regeneration", "1 note written", "") in tasks(client, org.contributor)


@pytest.mark.django_db
def test_a_member_reads_reports_and_is_not_told_about_worry_lists(client, org):
    client.force_login(org.member)
    html = client.get(reverse("home")).content.decode()
    assert '<h1 class="govuk-heading-l">Performance reports</h1>' in html
    assert "Latest published reports" in html and "No report has been published yet." in html
    assert "worry list" not in html.lower() and "deadline" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["head", "director", "strategy_officer", "contributor", "member"])
def test_a_home_page_makes_the_same_queries_at_any_size(client, org, persona):
    user = org.persona(persona)
    client.force_login(user)
    client.get(reverse("home"))

    def counted() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        return len(queries)

    before = counted()
    quarter = Quarter.objects.get()
    grouping = DmtGrouping.objects.get(name="Children and young people")
    for _ in range(5):
        service = ServiceFactory(directorate=org.directorate, heads=[org.head])
        grouping.services.add(service)
        WorryListFactory(service=service, quarter=quarter)
        MeasureFactory(plan=BusinessPlanFactory(service=service, financial_year=quarter.financial_year))
    UserFactory()
    assert counted() == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["head", "director", "strategy_officer", "contributor"])
def test_every_task_hint_and_status_has_its_own_id_and_each_link_points_at_its_own(client, org, persona):
    ServiceFactory(name="Early Help", directorate=org.directorate, heads=[org.head])
    DmtGrouping.objects.get(name="Children and young people").services.add(*org.head.headed_services.all())
    client.force_login(org.persona(persona))
    html = client.get(reverse("home")).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for target in described.split():
            assert target in ids, target


@pytest.mark.django_db
def test_no_list_is_offered_to_start_in_a_quarter_that_is_not_open(client, org):
    Quarter.objects.update(status=Quarter.Status.CLOSED)
    today = quarter_for_date(timezone.localdate())  # the current quarter once none is open
    planned = QuarterFactory(financial_year=FinancialYearFactory(start_year=today.start_year), number=today.number)
    expected = (
        "Education Standards worry list",
        "Not started",
        f"{planned.label} is planned, so no list can be started",
    )
    assert expected in tasks(client, org.head)
    assert not any("/worry-lists/start/" in url for url in links(client, org.head))


@pytest.mark.django_db
def test_a_head_of_service_with_no_service_is_told_to_ask_the_strategy_unit(client, org):
    client.force_login(UserFactory(roles=["head_of_service"]))
    assert "You are not recorded as head of any service yet" in client.get(reverse("home")).content.decode()
