"""Each record's history page: who changed what and when, field by field, in UK time,
for those who may see the record and nobody else."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from perfmgmt.history import save_with_history
from perfmgmt.models import DmtGrouping, Quarter
from perfmgmt.plans import services as plans
from reviews.annexes.services import annex_for, save_note
from reviews.board import services as board
from reviews.models import Theme
from tests.conftest import PERSONAS
from tests.factories import (
    BusinessPlanFactory,
    MeasureFactory,
    ObjectiveFactory,
    UserFactory,
    WorryFactory,
    WorryListFactory,
)


@pytest.mark.django_db
def test_a_plan_history_shows_each_change_field_by_field_with_who_and_when(client, org):
    plan = BusinessPlanFactory(service=org.service, purpose="To raise standards.")
    plans.update_plan(plan=plan, by=org.head, purpose="To raise standards in every school.")
    entry = plan.history.latest()
    entry.history_date = datetime(2012, 3, 20, 9, 30, tzinfo=UTC)  # 09:30 UTC is 09:30 GMT in March
    entry.save()
    client.force_login(org.head)
    page = client.get(reverse("history", args=["plans", plan.pk])).content.decode()
    assert "20 March 2012, 09:30: Helen Price" in page
    assert "Purpose changed by Helen Price" in page
    assert "Before: To raise standards." in page and "After: To raise standards in every school." in page


@pytest.mark.django_db
def test_times_are_shown_in_uk_time_and_imports_are_named(client, org):
    theme = Theme(name="Customer focus")
    save_with_history(theme, "Imported from the old system", None)
    entry = theme.history.latest()
    entry.history_date = datetime(2012, 6, 1, 8, 0, tzinfo=UTC)  # 09:00 British Summer Time
    entry.save()
    client.force_login(org.strategy_officer)
    page = client.get(reverse("history", args=["themes", theme.pk])).content.decode()
    assert "1 June 2012, 09:00: The system (an import or a command)" in page
    assert "Imported from the old system" in page


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_a_history_page_is_for_those_who_may_see_the_record(client, org, persona):
    plan = BusinessPlanFactory(service=org.service)
    worry_list = WorryListFactory(service=org.service, started_by=org.head)
    worry = WorryFactory(worry_list=worry_list)
    theme = Theme.objects.create(name="Evidence-basing")
    action = board.agree_action(by=org.strategy_officer, title="Map", owner=org.head, due=date(2012, 3, 1), theme=theme)
    may_see = {
        ("plans", plan.pk): {"head", "director", "strategy_officer", "contributor", "administrator"},
        ("worry-lists", worry_list.pk): {"head", "director", "strategy_officer"},
        ("worries", worry.pk): {"head", "director", "strategy_officer"},
        ("themes", theme.pk): {"director", "strategy_officer", "other_director"},
        ("actions", action.pk): {"head", "director", "other_director", "strategy_officer"},
    }
    client.force_login(org.persona(persona))
    for (kind, pk), allowed in may_see.items():
        status = client.get(reverse("history", args=[kind, pk])).status_code
        assert status == (200 if persona in allowed else 404), (kind, persona, status)
    assert client.get(reverse("history", args=["people", 1])).status_code == 404


@pytest.mark.django_db
def test_a_notes_history_is_hidden_from_other_areas_until_the_annex_is_ready(client, org):
    session = board.schedule_session(
        quarter=Quarter.objects.get(),
        grouping=DmtGrouping.objects.get(name="Regeneration"),
        on=date(2012, 2, 14),
        attendees=[],
        by=org.strategy_officer,
    )
    note = save_note(
        annex=annex_for(session),
        by=org.contributor,
        service=org.other_service,
        concern="Audit found weak controls.",
        rating="high",
        source_reference="",
    )
    risk = UserFactory(username="risk.person", roles=["contributor"], contributor_area="risk_management")
    url = reverse("history", args=["notes", note.pk])
    client.force_login(risk)
    assert client.get(url).status_code == 404
    client.force_login(org.contributor)
    assert "Audit found weak controls." not in client.get(url).content.decode()  # created: no diff to show
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_status_change_reads_as_people_say_it(client, org):
    plan = BusinessPlanFactory(service=org.service)
    MeasureFactory(plan=plan, objective=ObjectiveFactory(plan=plan))
    plans.submit_plan(plan=plan, by=org.head)
    client.force_login(org.head)
    page = client.get(reverse("history", args=["plans", plan.pk])).content.decode()
    assert "Before: Draft" in page and "After: Submitted for agreement" in page
