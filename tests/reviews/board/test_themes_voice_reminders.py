from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from perfmgmt.models import Quarter
from reviews.board import services
from reviews.models import Action, Theme, UserVoice
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def test_the_strategy_unit_records_a_theme_and_its_response(client, org):
    client.force_login(org.strategy_officer)
    page = client.post(reverse("board:theme_add"), {"name": "", "status": "open"}).content.decode()
    assert "Enter the theme" in page
    client.post(reverse("board:theme_add"), {"name": "Customer focus", "status": "open"})
    theme = Theme.objects.get()
    client.post(
        reverse("board:theme_edit", args=[theme.pk]),
        {"name": "Customer focus", "status": "responded", "response": "Customer Management workstream"},
    )
    theme.refresh_from_db()
    assert theme.response == "Customer Management workstream" and theme.status == "responded"
    page = client.post(reverse("board:theme_add"), {"name": "customer FOCUS", "status": "open"}).content.decode()
    assert "There is already a theme with this name" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_theme_and_user_voice_permissions(client, org, persona):
    theme = Theme.objects.create(name="Evidence-basing")
    item = services.save_user_voice(
        by=org.strategy_officer,
        quarter=Quarter.objects.get(),
        source="helpdesk",
        title="Calls",
        services=[],
        summary="People call about bins",
        key_figures="",
        changes="",
    )
    client.force_login(org.persona(persona))
    readers = {"head", "other_head", "director", "other_director", "strategy_officer"}
    board = {"director", "other_director", "strategy_officer"}  # themes gather every grouping's worries
    for url in (reverse("board:theme_list"), reverse("board:theme_detail", args=[theme.pk])):
        assert client.get(url).status_code == (200 if persona in board else 403), (url, persona)
    assert client.get(reverse("board:user_voice_list")).status_code == (200 if persona in readers else 403)
    for url in (
        reverse("board:theme_add"),
        reverse("board:theme_edit", args=[theme.pk]),
        reverse("board:user_voice_add"),
        reverse("board:user_voice_edit", args=[item.pk]),
    ):
        assert client.get(url).status_code == (200 if persona == "strategy_officer" else 403), (url, persona)
    if persona != "strategy_officer":
        client.post(reverse("board:theme_edit", args=[theme.pk]), {"name": "Hijack", "status": "closed"})
        client.post(
            reverse("board:user_voice_edit", args=[item.pk]), {"source": "survey", "title": "Hijack", "summary": "x"}
        )
        assert Theme.objects.get().name == "Evidence-basing" and UserVoice.objects.get().title == "Calls"


def test_user_voice_is_shown_for_a_service(client, org):
    services.save_user_voice(
        by=org.strategy_officer,
        quarter=Quarter.objects.get(),
        source="survey",
        title="Parents' survey",
        services=[org.service],
        summary="Parents want more",
        key_figures="72% satisfied",
        changes="More updates",
    )
    services.save_user_voice(
        by=org.strategy_officer,
        quarter=Quarter.objects.get(),
        source="helpdesk",
        title="Elsewhere",
        services=[org.other_service],
        summary="Other",
        key_figures="",
        changes="",
    )
    client.force_login(org.head)
    page = client.get(reverse("plans:service_detail", args=[org.service.pk])).content.decode()
    link = f"{reverse('board:user_voice_list')}?service={org.service.pk}"
    assert link in page
    page = client.get(link).content.decode()
    assert "Parents&#x27; survey" in page and "72% satisfied" in page and "Elsewhere" not in page


def test_overdue_reminders_go_to_owners_of_overdue_unfinished_actions_only(org, django_capture_on_commit_callbacks):
    theme = Theme.objects.create(name="Skills")
    overdue = services.agree_action(
        by=org.strategy_officer, title="Late", owner=org.head, due=date(2012, 1, 1), theme=theme
    )
    services.agree_action(
        by=org.strategy_officer, title="Fine", owner=org.other_head, due=date(2099, 1, 1), theme=theme
    )
    done = services.agree_action(
        by=org.strategy_officer, title="Done", owner=org.director, due=date(2012, 1, 1), theme=theme
    )
    Action.objects.filter(pk=done.pk).update(status="complete")
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("send_action_reminders", stdout=out)
    assert "1 overdue action reminders sent" in out.getvalue()
    assert [message.to for message in mail.outbox] == [[org.head.email]]
    assert overdue.title in mail.outbox[0].subject


def test_the_reminder_button_is_for_the_strategy_unit(client, org):
    client.force_login(org.head)
    assert client.post(reverse("board:action_reminders")).status_code == 403
    client.force_login(org.strategy_officer)
    assert client.post(reverse("board:action_reminders"), follow=True).status_code == 200


@pytest.mark.usefixtures("pdfs_once")
def test_demo_sessions_follow_the_report():
    call_command("load_demo", password="demo-password-5", force=True, stdout=StringIO())
    assert set(Theme.objects.values_list("name", flat=True)) == {
        "Deployment of skills across the organisation",
        "Customer focus",
        "Evidence-basing",
        "Efficiency and effectiveness",
    }
    assert Action.objects.filter(title__startswith="Develop a business case for changes to recruitment").exists()
    assert UserVoice.objects.filter(source="helpdesk").exists()
    from reviews.models import BoardSession

    assert BoardSession.objects.filter(kind="reflection", status="scheduled").count() == 1
    assert BoardSession.objects.filter(kind="grouping", status="held").count() == 3


def test_a_themes_status_is_kept_across_quarters(client, org, time_machine_date):
    from datetime import datetime

    from django.utils import timezone

    theme = services.save_theme(by=org.strategy_officer, name="Skills", description="", response="", status="open")
    theme.history.update(history_date=timezone.make_aware(datetime(2012, 2, 7, 12)))
    services.save_theme(
        by=org.strategy_officer,
        theme=theme,
        name="Skills",
        description="",
        response="Start with project management",
        status="responded",
    )
    from reviews.board.selectors import theme_status_over_time

    entries = theme_status_over_time(theme)
    assert [(e.quarter, e.status) for e in entries][0] == ("Q4 2011/12", "Open")
    assert entries[-1].status == "Response agreed" and entries[-1].response == "Start with project management"
    client.force_login(org.director)
    page = client.get(reverse("board:theme_detail", args=[theme.pk])).content.decode()
    assert "Status over time" in page and "Q4 2011/12" in page
