"""Edge cases: odd input, stale pages, mixed roles, inactive people, closed quarters."""

from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from perfmgmt.models import Quarter
from perfmgmt.roles import Role
from tests.factories import SubmittedWorryListFactory, WorryFactory, WorryListFactory
from worrylists import services
from worrylists.models import Worry

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2012, 1, 13)
    quarter.save()
    worry_list = WorryListFactory(service=org.service, quarter=quarter, started_by=org.head)
    WorryFactory(worry_list=worry_list, title="First", position=1)
    WorryFactory(worry_list=worry_list, title="Second", position=2)
    return worry_list


def test_a_head_who_is_also_a_contributor_still_sees_only_their_own_lists(client, org, draft):
    other = WorryListFactory(service=org.other_service, quarter=draft.quarter, started_by=org.other_head)
    org.head.groups.add(Group.objects.get(name=Role.CONTRIBUTOR.label))
    client.force_login(org.head)
    assert client.get(reverse("worrylists:worry_list_detail", args=[other.pk])).status_code == 404
    page = client.get(reverse("worrylists:worry_list_index")).content.decode()
    assert "Employment and Skills" not in page


@pytest.mark.parametrize("value", ["²", "1e3", "-1", "abc", "9" * 40])
def test_odd_quarter_parameters_are_not_found_not_server_errors(client, org, draft, value):
    client.force_login(org.strategy_officer)
    for name in ("worrylists:worry_list_index", "worrylists:worry_list_tracker", "worrylists:worry_list_tracker_csv"):
        assert client.get(reverse(name), {"quarter": value}).status_code == 404, name
    assert client.get(reverse("plans:plan_list"), {"year": value}).status_code == 404


def test_a_move_without_a_direction_is_refused_and_changes_nothing(client, org, draft):
    client.force_login(org.head)
    worry = draft.worries.get(title="First")
    assert client.post(reverse("worrylists:worry_move", args=[draft.pk, worry.pk])).status_code == 400
    assert (
        client.post(reverse("worrylists:worry_move", args=[draft.pk, worry.pk]), {"direction": "sideways"}).status_code
        == 400
    )
    assert list(draft.worries.values_list("title", flat=True)) == ["First", "Second"]


@pytest.mark.parametrize("version", [None, "", "abc", "0"])
def test_a_form_without_a_good_version_asks_for_a_reload_and_saves_nothing(client, org, draft, version):
    worry = draft.worries.get(title="First")
    client.force_login(org.head)
    data = {"evidence": "Changed", "ask": "Changed"}
    if version is not None:
        data["version"] = version
    page = client.post(reverse("worrylists:worry_details", args=[draft.pk, worry.pk]), data).content.decode()
    assert "This page is out of date. Reload it, then make your change again." in page
    worry.refresh_from_db()
    assert worry.evidence == "Figures are falling."


def test_a_worry_from_another_list_is_not_found_through_this_list(client, org, draft):
    elsewhere = WorryFactory(worry_list=WorryListFactory(service=org.service, quarter=QuarterOf(draft, 2)))
    client.force_login(org.head)
    for name in (
        "worrylists:worry_about",
        "worrylists:worry_details",
        "worrylists:worry_links",
        "worrylists:worry_remove",
    ):
        assert client.get(reverse(name, args=[draft.pk, elsewhere.pk])).status_code == 404, name
    for name, data in (("worrylists:worry_move", {"direction": "up"}), ("worrylists:worry_remove", {"version": 1})):
        assert client.post(reverse(name, args=[draft.pk, elsewhere.pk]), data).status_code == 404, name
    assert Worry.objects.filter(pk=elsewhere.pk).exists()


def QuarterOf(worry_list, number):  # noqa: N802 (reads as a noun)
    quarter, _ = Quarter.objects.get_or_create(
        financial_year=worry_list.quarter.financial_year, number=number, defaults={"status": Quarter.Status.OPEN}
    )
    return quarter


def test_submitting_an_incomplete_list_lists_each_worry_to_finish(client, org, draft):
    Worry.objects.filter(title="Second").update(ask="")
    client.force_login(org.head)
    response = client.post(reverse("worrylists:worry_list_submit", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Check your worry list" in page
    second = draft.worries.get(title="Second")
    assert f'href="{reverse("worrylists:worry_details", args=[draft.pk, second.pk])}"' in page
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_error_summary_links_reach_the_first_radio(client, org, draft):
    client.force_login(org.head)
    page = client.post(reverse("worrylists:worry_add", args=[draft.pk]), {"kind": "", "title": "x"}).content.decode()
    assert 'href="#id_kind_1"' in page and 'id="id_kind_1"' in page


def test_a_refused_reminder_sends_nothing_and_inactive_heads_are_not_emailed(
    client, org, draft, django_capture_on_commit_callbacks
):
    client.force_login(org.head)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("worrylists:worry_list_remind")).status_code == 403
    assert mail.outbox == []
    org.head.is_active = False
    org.head.save()
    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.send_reminders(quarter=draft.quarter, by=org.strategy_officer)
    assert org.service not in [item.service for item in reminded]
    assert all(org.head.email not in message.to for message in mail.outbox)


def test_a_closed_quarters_list_cannot_be_changed(org, draft):
    Quarter.objects.filter(pk=draft.quarter.pk).update(status=Quarter.Status.CLOSED)
    with pytest.raises(Exception, match="closed"):
        services.add_worry(worry_list=draft, by=org.head, kind="barrier", title="Late thought")
    assert draft.worries.count() == 2


def test_a_stale_remove_does_not_delete_a_worry_someone_has_changed(client, org, draft):
    worry = draft.worries.get(title="First")
    client.force_login(org.head)
    services.update_worry(worry=worry, by=org.head, expected_version=1, evidence="Changed meanwhile")
    response = client.post(reverse("worrylists:worry_remove", args=[draft.pk, worry.pk]), {"version": 1}, follow=True)
    assert "was changed by someone else, so it was not removed" in response.content.decode()
    assert Worry.objects.filter(pk=worry.pk).exists()


def test_tracker_csv_dates_are_the_councils_local_dates(client, org, draft):
    late_night = timezone.make_aware(datetime(2012, 7, 14, 0, 30))  # 23:30 UTC on the 13th
    SubmittedWorryListFactory(service=org.other_service, quarter=draft.quarter, submitted_at=late_night)
    client.force_login(org.strategy_officer)
    content = client.get(reverse("worrylists:worry_list_tracker_csv")).getvalue().decode("utf-8-sig")
    assert "2012-07-14" in content and "2012-07-13" not in content


def test_the_confirmation_page_is_only_for_submitted_lists(client, org, draft):
    client.force_login(org.head)
    response = client.get(reverse("worrylists:worry_list_submitted", args=[draft.pk]))
    assert response["Location"] == reverse("worrylists:worry_list_detail", args=[draft.pk])


def test_an_unsubmitted_list_past_its_deadline_is_shown_late_everywhere(client, org, draft, time_machine_date):
    time_machine_date(date(2012, 1, 14))
    client.force_login(org.head)
    page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert 'govuk-tag--red">Late' in page


def test_the_task_list_says_what_is_left_to_do(client, org, draft):
    client.force_login(org.head)
    Worry.objects.filter(title="Second").update(ask="")
    page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert "govuk-task-list" in page
    assert "In progress: 1 to finish" in page and "Cannot start yet" in page
    assert f'href="{reverse("worrylists:worry_list_check", args=[draft.pk])}"' not in page
    Worry.objects.filter(title="Second").update(ask="Help")
    page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert "2 added" in page and f'href="{reverse("worrylists:worry_list_check", args=[draft.pk])}"' in page
