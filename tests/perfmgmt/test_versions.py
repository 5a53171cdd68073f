"""No lost updates: two people (or two tabs) edit the same record; the second to save is
told who saved in between, nothing they typed is lost from the form, and nothing of the
first save is overwritten unless they save again on purpose."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from perfmgmt.models import Quarter
from reviews.models import Theme, UserVoice
from tests.factories import BusinessPlanFactory, ObjectiveFactory, UserFactory


def seen_on(client, url) -> str:
    return re.search(r'name="seen" value="([0-9a-f]+)"', client.get(url).content.decode())[1]


def the_later_save_is_told_and_loses_nothing(first, second, url, field, mine: dict, theirs: dict, read):
    """Both open the page; second saves; first's save is refused, then goes through when
    first saves again from the page they are shown."""
    first_seen, second_seen = seen_on(first, url), seen_on(second, url)
    assert second.post(url, {**theirs, "seen": second_seen}).status_code == 302
    refused = first.post(url, {**mine, "seen": first_seen})
    page = refused.content.decode()
    assert refused.status_code == 200 and "saved a change to this at" in page and "has not been saved" in page
    assert read() == theirs[field]  # the earlier save is kept
    assert mine[field] in page  # what the later editor typed is still in the form
    again = re.search(r'name="seen" value="([0-9a-f]+)"', page)[1]
    assert first.post(url, {**mine, "seen": again}).status_code == 302  # saving again is deliberate
    assert read() == mine[field]


def signed_in(*users) -> list[Client]:
    made = []
    for user in users:
        client = Client()
        client.force_login(user)
        made.append(client)
    return made


@pytest.mark.django_db
def test_a_plan_purpose_and_an_objective_edited_in_two_tabs(org):
    plan = BusinessPlanFactory(service=org.service)
    tab_one, tab_two = signed_in(org.head, org.head)
    the_later_save_is_told_and_loses_nothing(
        tab_one,
        tab_two,
        reverse("plans:plan_purpose", args=[plan.pk]),
        "purpose",
        {"purpose": "Mine: every school good or better."},
        {"purpose": "Theirs: closing the attainment gap."},
        lambda: type(plan).objects.get(pk=plan.pk).purpose,
    )
    objective = ObjectiveFactory(plan=plan)
    the_later_save_is_told_and_loses_nothing(
        tab_one,
        tab_two,
        reverse("plans:objective_edit", args=[plan.pk, objective.pk]),
        "title",
        {"title": "Mine: attainment", "success": "Results rise."},
        {"title": "Theirs: attainment gap", "success": "The gap narrows."},
        lambda: type(objective).objects.get(pk=objective.pk).title,
    )


@pytest.mark.django_db
def test_a_theme_and_user_voice_edited_by_two_officers(org):
    other = UserFactory(username="second.officer", roles=["strategy_unit"])
    first, second = signed_in(org.strategy_officer, other)
    theme = Theme.objects.create(name="Customer focus")
    the_later_save_is_told_and_loses_nothing(
        first,
        second,
        reverse("board:theme_edit", args=[theme.pk]),
        "description",
        {"name": "Customer focus", "description": "Mine: one front door.", "status": "open"},
        {"name": "Customer focus", "description": "Theirs: digital by default.", "status": "open"},
        lambda: Theme.objects.get(pk=theme.pk).description,
    )
    item = UserVoice.objects.create(
        quarter=Quarter.objects.get(),
        source="survey",
        title="Residents' survey",
        summary="Most are satisfied.",
        recorded_by=org.strategy_officer,
    )
    the_later_save_is_told_and_loses_nothing(
        first,
        second,
        reverse("board:user_voice_edit", args=[item.pk]),
        "summary",
        {"source": "survey", "title": "Residents' survey", "summary": "Mine: 72% satisfied."},
        {"source": "survey", "title": "Residents' survey", "summary": "Theirs: 70% satisfied."},
        lambda: UserVoice.objects.get(pk=item.pk).summary,
    )
