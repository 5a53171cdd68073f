"""Worry list pages: permission matrix, validation, conflicts, tracker and packs."""

import csv
import io
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import DmtGrouping, Quarter
from tests.conftest import PERSONAS
from tests.factories import (
    BusinessPlanFactory,
    DmtGroupingFactory,
    MeasureFactory,
    ServiceFactory,
    SubmittedWorryListFactory,
    UserFactory,
    WorryFactory,
    WorryListFactory,
)
from worrylists.models import WorryList

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org):
    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2012, 1, 13)
    quarter.save()
    worry_list = WorryListFactory(service=org.service, quarter=quarter, started_by=org.head)
    WorryFactory(worry_list=worry_list, title="Attainment", position=1)
    return worry_list


def edit_urls(worry_list):
    worry = worry_list.worries.first()
    return {
        "worry_add": reverse("worrylists:worry_add", args=[worry_list.pk]),
        "worry_about": reverse("worrylists:worry_about", args=[worry_list.pk, worry.pk]),
        "worry_details": reverse("worrylists:worry_details", args=[worry_list.pk, worry.pk]),
        "worry_links": reverse("worrylists:worry_links", args=[worry_list.pk, worry.pk]),
        "worry_remove": reverse("worrylists:worry_remove", args=[worry_list.pk, worry.pk]),
        "worry_list_carry_forward": reverse("worrylists:worry_list_carry_forward", args=[worry_list.pk]),
        "worry_list_check": reverse("worrylists:worry_list_check", args=[worry_list.pk]),
    }


def read_urls(worry_list):
    grouping = DmtGrouping.objects.get(name="Children and young people")
    return {
        "worry_list_index": reverse("worrylists:worry_list_index"),
        "worry_list_detail": reverse("worrylists:worry_list_detail", args=[worry_list.pk]),
        "worry_list_submitted": reverse("worrylists:worry_list_submitted", args=[worry_list.pk]),
        "worry_list_tracker": reverse("worrylists:worry_list_tracker"),
        "worry_list_tracker_csv": reverse("worrylists:worry_list_tracker_csv"),
        "grouping_pack": reverse("worrylists:grouping_pack", args=[grouping.pk]),
        "worry_list_start": reverse("worrylists:worry_list_start", args=[worry_list.service.pk, worry_list.quarter.pk]),
    }


def expected(view: str, persona: str) -> int:
    """The list belongs to `head`'s service, in `director`'s directorate."""
    if view == "worry_list_start":  # 403 where the service is visible but not theirs to start
        if persona == "head":
            return 302  # the list exists already: go to it
        return 403 if persona in {"director", "strategy_officer", "contributor", "administrator"} else 404
    if persona in {"contributor", "legal", "finance", "clerk", "member", "administrator"}:
        return (
            403
            if view in {"worry_list_index", "worry_list_tracker", "worry_list_tracker_csv", "grouping_pack"}
            else 404
        )
    if view == "worry_list_index":
        return 200
    if view in {"worry_list_tracker", "worry_list_tracker_csv"}:
        return 200 if persona == "strategy_officer" else 403
    if view == "grouping_pack":
        return 200 if persona in {"director", "other_director", "strategy_officer"} else 403
    can_see = persona in {"head", "director", "strategy_officer"}
    if not can_see:
        return 404
    if view == "worry_list_detail":
        return 200
    if view == "worry_list_submitted":
        return 302  # a draft has no confirmation page: back to the list
    return 200 if persona == "head" else 403  # the edit pages


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_for_every_worry_list_page(client, org, draft, persona):
    client.force_login(org.persona(persona))
    for view, url in {**read_urls(draft), **edit_urls(draft)}.items():
        assert client.get(url).status_code == expected(view, persona), (view, persona)


def test_anonymous_visitors_are_sent_to_sign_in(client, draft):
    for url in {**read_urls(draft), **edit_urls(draft)}.values():
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "head"])
def test_refused_posts_change_nothing(client, org, draft, persona):
    worry = draft.worries.get()
    client.force_login(org.persona(persona))
    posts = {
        reverse("worrylists:worry_add", args=[draft.pk]): {"kind": "barrier", "title": "Hijack"},
        reverse("worrylists:worry_about", args=[draft.pk, worry.pk]): {
            "kind": "barrier",
            "title": "Hijack",
            "version": 1,
        },
        reverse("worrylists:worry_move", args=[draft.pk, worry.pk]): {"direction": "down"},
        reverse("worrylists:worry_remove", args=[draft.pk, worry.pk]): {},
        reverse("worrylists:worry_list_submit", args=[draft.pk]): {},
        reverse("worrylists:worry_list_return", args=[draft.pk]): {"reason": "x"},
        reverse("worrylists:worry_list_start", args=[org.service.pk, draft.quarter.pk]): {},
        reverse("worrylists:worry_list_remind"): {},
    }
    for url, data in posts.items():
        response = client.post(url, data)
        allowed = persona == "strategy_officer" and url == reverse("worrylists:worry_list_remind")
        assert response.status_code in ((302,) if allowed else (403, 404)), (url, persona, response.status_code)
    draft.refresh_from_db()
    assert draft.status == WorryList.Status.DRAFT
    assert list(draft.worries.values_list("title", flat=True)) == ["Attainment"]


def test_a_submitted_list_refuses_every_edit_page_even_to_its_head(client, org, draft):
    draft.status = WorryList.Status.SUBMITTED
    draft.save()
    client.force_login(org.head)
    for view, url in edit_urls(draft).items():
        assert client.get(url).status_code == 403, view
        refused = (405,) if view == "worry_list_check" else (403,)  # the check page only reads
        assert client.post(url, {"title": "x", "kind": "barrier", "version": 1}).status_code in refused, view
    worry = draft.worries.get()
    assert (
        client.post(reverse("worrylists:worry_move", args=[draft.pk, worry.pk]), {"direction": "up"}).status_code == 403
    )
    assert client.post(reverse("worrylists:worry_list_submit", args=[draft.pk])).status_code == 403
    assert draft.worries.get().title == "Attainment"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "", "title": ""}, "kind", "Choose what kind of worry this is"),
        ({"kind": "barrier", "title": ""}, "title", "Enter a title for the worry"),
        ({"kind": "barrier", "title": "x" * 201}, "title", "Title must be 200 characters or fewer"),
    ],
)
def test_adding_a_worry_with_bad_input_says_so_next_to_the_field_and_saves_nothing(
    client, org, draft, data, field, message
):
    client.force_login(org.head)
    page = client.post(reverse("worrylists:worry_add", args=[draft.pk]), data).content.decode()
    assert message in page
    assert f'id="id_{field}-error"' in page or f"#id_{field}" in page
    assert draft.worries.count() == 1


def test_over_long_details_are_refused_and_what_was_typed_is_kept(client, org, draft):
    worry = draft.worries.get()
    client.force_login(org.head)
    data = {"evidence": "e" * 5001, "impact": "Kept impact", "tried": "", "ask": "", "version": worry.version}
    page = client.post(reverse("worrylists:worry_details", args=[draft.pk, worry.pk]), data).content.decode()
    assert "must be 5,000 characters or fewer" in page
    assert "Say what you ask of the Board" in page
    assert "Kept impact" in page
    worry.refresh_from_db()
    assert worry.impact == "" and worry.version == 1


def test_script_and_html_in_every_field_are_shown_as_text(client, org, draft):
    worry = draft.worries.get()
    nasty = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.force_login(org.head)
    client.post(
        reverse("worrylists:worry_about", args=[draft.pk, worry.pk]),
        {"kind": "barrier", "title": nasty[:200], "version": 1},
    )
    client.post(
        reverse("worrylists:worry_details", args=[draft.pk, worry.pk]),
        {"evidence": nasty, "impact": nasty, "tried": nasty, "ask": nasty, "version": 2},
    )
    for url in (
        reverse("worrylists:worry_list_detail", args=[draft.pk]),
        reverse("worrylists:worry_list_check", args=[draft.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page
        assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 5


def test_linking_another_services_measure_is_refused_on_the_field(client, org, draft):
    worry = draft.worries.get()
    own = MeasureFactory(plan=BusinessPlanFactory(service=org.service), title="Own measure")
    other = MeasureFactory(plan=BusinessPlanFactory(service=org.other_service), title="Other measure")
    client.force_login(org.head)
    url = reverse("worrylists:worry_links", args=[draft.pk, worry.pk])
    page = client.get(url).content.decode()
    assert "Own measure" in page and "Other measure" not in page
    page = client.post(url, {"measures": [own.pk, other.pk], "version": 1}).content.decode()
    assert "Choose measures from this service" in page
    assert not worry.measures.exists()
    client.post(url, {"measures": [own.pk], "version": 1})
    assert list(worry.measures.all()) == [own]


def test_a_conflicting_save_is_refused_and_both_versions_are_shown(client, org, draft):
    worry = draft.worries.get()
    client.force_login(org.head)
    url = reverse("worrylists:worry_details", args=[draft.pk, worry.pk])
    client.post(url, {"evidence": "Saved first", "ask": "A", "version": 1})
    response = client.post(url, {"evidence": "Typed second", "ask": "B", "version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    assert "This worry was changed by someone else" in page
    assert "Saved first" in page and "Typed second" in page
    assert 'name="version" value="2"' in page
    worry.refresh_from_db()
    assert worry.evidence == "Saved first"
    client.post(url, {"evidence": "Typed second", "ask": "B", "version": 2})
    worry.refresh_from_db()
    assert worry.evidence == "Typed second"


def test_the_whole_journey_through_the_pages(client, org, draft):
    client.force_login(org.head)
    response = client.post(reverse("worrylists:worry_add", args=[draft.pk]), {"kind": "barrier", "title": "Skills"})
    added = draft.worries.get(title="Skills")
    assert response["Location"] == reverse("worrylists:worry_details", args=[draft.pk, added.pk])
    response = client.post(response["Location"], {"evidence": "No analysts", "ask": "Share them", "version": 1})
    assert response["Location"] == reverse("worrylists:worry_links", args=[draft.pk, added.pk])
    client.post(reverse("worrylists:worry_move", args=[draft.pk, added.pk]), {"direction": "up"})
    assert list(draft.worries.values_list("title", flat=True)) == ["Skills", "Attainment"]
    page = client.get(reverse("worrylists:worry_list_check", args=[draft.pk])).content.decode()
    assert page.index("Skills") < page.index("Attainment")
    response = client.post(reverse("worrylists:worry_list_submit", args=[draft.pk]))
    assert response["Location"] == reverse("worrylists:worry_list_submitted", args=[draft.pk])
    assert "Worry list submitted" in client.get(response["Location"]).content.decode()
    client.force_login(org.director)
    page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert "Skills" in page and "Move up" not in page and "Change<" not in page


def test_strategy_unit_returns_a_list_and_the_head_can_edit_again(client, org, draft):
    draft.status = WorryList.Status.SUBMITTED
    draft.save()
    client.force_login(org.strategy_officer)
    page = client.post(reverse("worrylists:worry_list_return", args=[draft.pk]), {"reason": ""}).content.decode()
    assert "Say why the worry list is being returned" in page
    client.post(reverse("worrylists:worry_list_return", args=[draft.pk]), {"reason": "Add evidence"})
    draft.refresh_from_db()
    assert draft.status == WorryList.Status.RETURNED
    client.force_login(org.head)
    page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert "Returned for revision by" in page and "Add evidence" in page
    assert client.get(reverse("worrylists:worry_add", args=[draft.pk])).status_code == 200


def test_reminder_button_emails_only_heads_who_have_not_submitted(
    client, org, draft, django_capture_on_commit_callbacks
):
    SubmittedWorryListFactory(service=org.other_service, quarter=draft.quarter)
    client.force_login(org.strategy_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("worrylists:worry_list_remind") + f"?quarter={draft.quarter.pk}", follow=True)
    assert "Reminders sent to the heads of 1 service: Education Standards." in response.content.decode()
    assert [message.to for message in mail.outbox] == [[org.head.email]]


def test_tracker_csv_matches_the_page(client, org, draft):
    client.force_login(org.strategy_officer)
    rows = client.get(reverse("worrylists:worry_list_tracker")).context["rows"]
    content = client.get(reverse("worrylists:worry_list_tracker_csv")).getvalue().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content)))
    assert lines[0][:4] == ["Service", "Directorate", "DMT grouping", "State"]
    assert [line[0] for line in lines[1:]] == [row.service.name for row in rows]
    assert lines[1][:4] == ["Education Standards", "Children's Services", "Children and young people", "Draft"]


def test_pack_shows_only_submitted_worries_of_the_grouping_in_priority_order(client, org, draft):
    submitted = SubmittedWorryListFactory(service=ServiceFactory(heads=[UserFactory()]), quarter=draft.quarter)
    DmtGrouping.objects.get(name="Children and young people").services.add(submitted.service)
    WorryFactory(worry_list=submitted, title="Second", position=2)
    WorryFactory(worry_list=submitted, title="First", position=1)
    client.force_login(org.other_director)
    page = client.get(
        reverse("worrylists:grouping_pack", args=[DmtGrouping.objects.get(name="Children and young people").pk])
    )
    html = page.content.decode()
    assert html.index("First") < html.index("Second")
    assert "Attainment" not in html  # still a draft


def test_tracker_and_pack_query_counts_do_not_grow(client, org, draft):
    grouping = DmtGrouping.objects.get(name="Children and young people")
    urls = [reverse("worrylists:worry_list_tracker"), reverse("worrylists:grouping_pack", args=[grouping.pk])]
    client.force_login(org.strategy_officer)

    def grow(lists):
        for _ in range(lists):
            service = ServiceFactory(heads=[UserFactory()])
            grouping.services.add(service)
            DmtGroupingFactory(services=[service])
            worry_list = SubmittedWorryListFactory(service=service, quarter=draft.quarter)
            plan = BusinessPlanFactory(service=service)
            for _ in range(3):
                worry = WorryFactory(worry_list=worry_list)
                worry.measures.add(MeasureFactory(plan=plan))

    grow(1)  # both sizes have something of every kind to show
    counts = []
    for size in (1, 5):
        counts.append([])
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts[-1].append(len(queries))
        grow(size)
    assert counts[0] == counts[1]


def test_index_offers_the_head_a_start_and_the_director_the_packs(client, org):
    client.force_login(org.head)
    page = client.get(reverse("worrylists:worry_list_index")).content.decode()
    assert reverse("worrylists:worry_list_start", args=[org.service.pk, Quarter.objects.get().pk]) in page
    client.force_login(org.director)
    page = client.get(reverse("worrylists:worry_list_index")).content.decode()
    assert "Packs for the Board" in page and "Start the worry list" not in page
    assert "Employment and Skills" not in page  # another directorate's service


def test_the_check_page_adds_another_worry_and_its_change_links_come_back_to_it(client, org, draft):
    client.force_login(org.head)
    check = reverse("worrylists:worry_list_check", args=[draft.pk])
    page = client.get(check).content.decode()
    assert f'href="{reverse("worrylists:worry_add", args=[draft.pk])}">Add another worry</a>' in page
    worry = draft.worries.first()
    details = reverse("worrylists:worry_details", args=[draft.pk, worry.pk]) + "?back=check"
    assert f'href="{details}">Change' in page
    response = client.post(details, {"evidence": "Fresh", "ask": "Help", "version": worry.version})
    assert response["Location"] == check
    detail_page = client.get(reverse("worrylists:worry_list_detail", args=[draft.pk])).content.decode()
    assert "?back=check" not in detail_page  # from the list's own page the steps go on as before
    assert "Ready to check" in detail_page


def test_a_submitted_list_says_why_it_cannot_be_changed(client, org, draft):
    draft.status = WorryList.Status.SUBMITTED
    draft.save()
    client.force_login(org.head)
    response = client.get(reverse("worrylists:worry_add", args=[draft.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "has been submitted, so it cannot be changed" in page and "ask the Strategy Unit to return" in page
    assert "check your role" not in page
