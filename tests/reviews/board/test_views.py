"""Board session and action plan pages: permissions, recording outcomes, filters and CSV."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import DmtGrouping, Quarter
from reviews.board import services
from reviews.models import Action, BoardSession, Outcome, Theme
from tests.conftest import PERSONAS
from tests.factories import ServiceFactory, SubmittedWorryListFactory, UserFactory, WorryFactory
from worrylists import services as worry_lists
from worrylists.models import Worry

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(org):
    quarter = Quarter.objects.get()
    worry_list = SubmittedWorryListFactory(service=org.service, quarter=quarter)
    WorryFactory(worry_list=worry_list, title="Attainment", position=1)
    WorryFactory(worry_list=worry_list, title="Skills", position=2)
    return services.schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Children and young people"),
        on=date(2012, 2, 7),
        attendees=[org.director],
        by=org.strategy_officer,
    )


def expected(view: str, persona: str) -> int:
    readers = {"head", "director", "other_director", "strategy_officer"}  # other_head's grouping has no session
    if view in {"session_list"}:
        return 200 if persona in readers | {"other_head"} else 403
    if view == "session_detail":
        return 200 if persona in readers else (404 if persona != "anonymous" else 302)
    if view in {"session_schedule", "outcome_form"}:
        if persona == "strategy_officer":
            return 200
        return 404 if view == "outcome_form" and persona not in readers else 403
    if view in {"action_plan", "action_plan_csv"}:  # officers, who may own actions
        return 403 if persona in {"clerk", "member", "administrator"} else 200
    return 0


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_for_board_pages(client, org, session, persona):
    client.force_login(org.persona(persona))
    item = session.agenda.first()
    urls = {
        "session_list": reverse("board:session_list"),
        "session_detail": reverse("board:session_detail", args=[session.pk]),
        "session_schedule": reverse("board:session_schedule"),
        "outcome_form": reverse("board:outcome_form", args=[session.pk, item.pk]),
        "action_plan": reverse("board:action_plan"),
        "action_plan_csv": reverse("board:action_plan_csv"),
    }
    for view, url in urls.items():
        assert client.get(url).status_code == expected(view, persona), (view, persona)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "strategy_officer"])
def test_refused_posts_change_nothing(client, org, session, persona):
    item = session.agenda.first()
    client.force_login(org.persona(persona))
    posts = {
        reverse("board:session_schedule"): {"date": "2012-02-08"},
        reverse("board:outcome_form", args=[session.pk, item.pk]): {"discussion": "x", "result": "resolved"},
        reverse("board:agenda_move", args=[session.pk, item.pk]): {"direction": "down"},
        reverse("board:agenda_refresh", args=[session.pk]): {},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), (url, persona)
    assert BoardSession.objects.count() == 1 and not Outcome.objects.exists()
    assert [i.worry.title for i in session.agenda.all()] == ["Attainment", "Skills"]


def test_the_strategy_unit_records_an_outcome_with_an_action_and_the_head_sees_it(client, org, session):
    item = session.agenda.first()
    client.force_login(org.strategy_officer)
    url = reverse("board:outcome_form", args=[session.pk, item.pk])
    page = client.post(url, {"discussion": "", "action_title": "Do it"}).content.decode()
    assert "Summarise the discussion" in page and "Choose the outcome" in page
    assert "Choose who owns the action" in page and "Enter the due date" in page
    response = client.post(
        url,
        {
            "discussion": "Commitment reiterated; package agreed.",
            "result": "actions",
            "action_title": "Package of actions",
            "action_owner": org.head.pk,
            "action_due": "31 3 2012",
            "action_programme": "Transformation Programme",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.owner, action.due_date, action.outcome.item) == (org.head, date(2012, 3, 31), item)
    client.force_login(org.head)
    page = client.get(reverse("worrylists:worry_list_detail", args=[item.worry.worry_list.pk])).content.decode()
    assert "Board outcome" in page and "Actions agreed" in page and "package agreed" in page


def test_the_owner_updates_progress_and_others_cannot(client, org, session):
    theme = Theme.objects.create(name="Customer focus")
    action = services.agree_action(
        by=org.strategy_officer, title="Customer insight", owner=org.head, due=date(2012, 6, 30), theme=theme
    )
    url = reverse("board:action_progress", args=[action.pk])
    client.force_login(org.director)
    assert client.post(url, {"status": "complete", "commentary": "x"}).status_code == 403
    client.force_login(org.other_head)
    assert client.get(url).status_code == 404
    client.force_login(org.head)
    page = client.post(url, {"status": "on_track", "commentary": ""}).content.decode()
    assert "Say what has happened since the last update" in page
    client.post(url, {"status": "on_track", "commentary": "Workshops booked."})
    action.refresh_from_db()
    assert action.status == "on_track" and action.updates.get().commentary == "Workshops booked."


def make_actions(org, count, theme=None):
    theme = theme or Theme.objects.get_or_create(name="Evidence-basing")[0]
    for number in range(count):
        owner = UserFactory()
        services.agree_action(
            by=org.strategy_officer,
            title=f"Action {number}",
            owner=owner,
            due=date(2012, 1, 1) if number % 2 else date(2099, 1, 1),
            theme=theme,
        )


def test_action_plan_filters_and_csv_agree(client, org, session):
    make_actions(org, 6)
    Action.objects.filter(title="Action 2").update(status="complete")
    client.force_login(org.strategy_officer)
    for query in (
        {},
        {"overdue": "on"},
        {"status": "complete"},
        {"owner": Action.objects.get(title="Action 3").owner_id},
    ):
        rows = client.get(reverse("board:action_plan"), query).context["rows"]
        content = client.get(reverse("board:action_plan_csv"), query).getvalue().decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(content)))[1:]
        assert [line[0] for line in lines] == [row.action.title for row in rows], query
    overdue = client.get(reverse("board:action_plan"), {"overdue": "on"}).context["rows"]
    assert {row.action.title for row in overdue} == {"Action 1", "Action 3", "Action 5"}


def test_a_head_sees_only_their_own_actions(client, org, session):
    make_actions(org, 2)
    theme = Theme.objects.get(name="Evidence-basing")
    services.agree_action(by=org.strategy_officer, title="Mine", owner=org.head, due=date(2012, 3, 1), theme=theme)
    client.force_login(org.head)
    assert [row.action.title for row in client.get(reverse("board:action_plan")).context["rows"]] == ["Mine"]


def test_only_officers_read_the_action_plan_and_see_only_their_actions_themes(client, org, session):
    mine = Theme.objects.create(name="Evidence-basing")
    others = Theme.objects.create(name="Confidential restructure")
    services.agree_action(by=org.strategy_officer, title="Mine", owner=org.head, due=date(2012, 3, 1), theme=mine)
    services.agree_action(
        by=org.strategy_officer, title="Theirs", owner=org.director, due=date(2012, 3, 1), theme=others
    )
    for persona in ("clerk", "member", "administrator"):
        client.force_login(org.persona(persona))
        for url in (reverse("board:action_plan"), reverse("board:action_plan_csv")):
            assert client.get(url).status_code == 403, (persona, url)
    client.force_login(org.head)
    page = client.get(reverse("board:action_plan")).content.decode()
    assert "Evidence-basing" in page and "Confidential restructure" not in page
    client.force_login(org.strategy_officer)
    assert "Confidential restructure" in client.get(reverse("board:action_plan")).content.decode()


def test_agenda_and_action_plan_query_counts_do_not_grow(client, org, session):
    client.force_login(org.strategy_officer)
    urls = [
        reverse("board:session_detail", args=[session.pk]),
        reverse("board:action_plan"),
        reverse("board:session_list"),
    ]
    grouping = DmtGrouping.objects.get(name="Children and young people")
    theme = Theme.objects.get_or_create(name="Evidence-basing")[0]

    def grow(items):
        for _ in range(items):
            service = ServiceFactory(heads=[UserFactory()])
            grouping.services.add(service)
            WorryFactory(worry_list=SubmittedWorryListFactory(service=service, quarter=session.quarter))
        for item in services.refresh_agenda(session=session, by=org.strategy_officer):
            outcome = services.record_outcome(
                item=item, by=org.strategy_officer, discussion="y", result="actions", themes=[theme]
            )
            services.agree_action(
                by=org.strategy_officer, title="More", owner=UserFactory(), due=date(2012, 5, 1), outcome=outcome
            )
        make_actions(org, items, theme)

    def count():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            result.append(len(queries))
        return result

    grow(1)  # every kind of row present at both sizes
    small = count()
    grow(5)
    assert count() == small


def test_action_plan_filters_by_quarter_and_directorate(client, org, session):
    item = session.agenda.first()
    outcome = services.record_outcome(item=item, by=org.strategy_officer, discussion="x", result="actions")
    services.agree_action(
        by=org.strategy_officer, title="Ours", owner=org.other_head, due=date(2012, 3, 1), outcome=outcome
    )
    theme = Theme.objects.create(name="Skills")
    services.agree_action(
        by=org.strategy_officer, title="Theirs", owner=org.other_head, due=date(2012, 3, 1), theme=theme
    )
    client.force_login(org.strategy_officer)

    def titles(query):
        return {row.action.title for row in client.get(reverse("board:action_plan"), query).context["rows"]}

    assert titles({"directorate": org.directorate.pk}) == {"Ours"}  # from a worry of Children's Services
    assert titles({"directorate": org.other_directorate.pk}) == {"Ours", "Theirs"}  # owned by its head
    assert titles({"quarter": session.quarter.pk}) == {"Ours"}  # the theme action was agreed today, not in 2011
    content = (
        client.get(reverse("board:action_plan_csv"), {"quarter": session.quarter.pk}).getvalue().decode("utf-8-sig")
    )
    assert "Ours" in content and "Theirs" not in content


def test_action_details_without_a_title_are_not_silently_dropped_and_repeats_are_refused(client, org, session):
    item = session.agenda.first()
    client.force_login(org.strategy_officer)
    url = reverse("board:outcome_form", args=[session.pk, item.pk])
    page = client.post(
        url, {"discussion": "x", "result": "actions", "action_owner": org.head.pk, "action_due": "31 3 2012"}
    ).content.decode()
    assert "Enter the action, or clear its owner" in page
    assert not Outcome.objects.exists()
    data = {
        "discussion": "x",
        "result": "actions",
        "action_title": "Act",
        "action_owner": org.head.pk,
        "action_due": "31 3 2012",
    }
    assert client.post(url, data).status_code == 302
    page = client.post(url, data).content.decode()
    assert "This action is already recorded" in page
    assert Action.objects.count() == 1


def test_theme_pages_show_actions_agreed_on_worries_that_raised_the_theme(client, org, session):
    theme = Theme.objects.create(name="Customer focus")
    outcome = services.record_outcome(
        item=session.agenda.first(), by=org.strategy_officer, discussion="x", result="theme", themes=[theme]
    )
    services.agree_action(
        by=org.strategy_officer, title="From the worry", owner=org.head, due=date(2012, 5, 1), outcome=outcome
    )
    client.force_login(org.director)
    assert "From the worry" in client.get(reverse("board:theme_detail", args=[theme.pk])).content.decode()


def test_the_reflection_session_comes_after_every_grouping_has_met(org, session):
    quarter = session.quarter
    with pytest.raises(ValidationError, match="Regeneration"):  # the other grouping has no session yet
        services.schedule_session(
            quarter=quarter, grouping=None, on=date(2012, 2, 21), attendees=[], by=org.strategy_officer
        )
    services.schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Regeneration"),
        on=date(2012, 2, 14),
        attendees=[],
        by=org.strategy_officer,
    )
    with pytest.raises(ValidationError, match="after the last grouping session"):
        services.schedule_session(
            quarter=quarter, grouping=None, on=date(2012, 2, 10), attendees=[], by=org.strategy_officer
        )
    reflection = services.schedule_session(
        quarter=quarter, grouping=None, on=date(2012, 2, 21), attendees=[], by=org.strategy_officer
    )
    assert reflection.kind == BoardSession.Kind.REFLECTION and reflection.title == "Reflection session"


def test_the_strategy_unit_agrees_an_action_on_a_theme(client, org):
    theme = Theme.objects.create(name="Skills")
    client.force_login(org.strategy_officer)
    url = reverse("board:theme_action", args=[theme.pk])
    assert "Enter the action" in client.post(url, {}).content.decode()
    client.post(url, {"title": "Review project managers", "owner": org.head.pk, "due": "30 6 2012"})
    assert Action.objects.get().theme == theme


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "strategy_officer"])
def test_every_board_write_is_refused_to_everyone_else_and_changes_nothing(client, org, session, persona):
    from reviews.models import Annex

    item = session.agenda.first()
    theme = Theme.objects.create(name="Skills")
    action = services.agree_action(
        by=org.strategy_officer, title="Owned by the director", owner=org.director, due=date(2012, 5, 1), theme=theme
    )
    client.force_login(org.persona(persona))
    posts = {
        reverse("board:agenda_move", args=[session.pk, item.pk]): {"direction": "down"},
        reverse("board:agenda_refresh", args=[session.pk]): {},
        reverse("annexes:annex_contents", args=[session.pk]): {},
        reverse("annexes:annex_ready", args=[session.pk]): {},
        reverse("board:theme_add"): {"name": "New", "status": "open"},
        reverse("board:theme_edit", args=[theme.pk]): {"name": "Hijacked", "status": "closed"},
        reverse("board:theme_action", args=[theme.pk]): {"title": "x", "owner": org.head.pk, "due": "1 1 2013"},
        reverse("board:user_voice_add"): {"source": "survey", "title": "x", "summary": "x"},
        reverse("board:action_reminders"): {},
    }
    if persona != "director":
        posts[reverse("board:action_progress", args=[action.pk])] = {"status": "complete", "commentary": "x"}
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), (url, persona)
    assert [i.worry.title for i in session.agenda.all()] == ["Attainment", "Skills"]
    assert not Annex.objects.exists()
    assert list(Theme.objects.values_list("name", flat=True)) == ["Skills"]
    assert Action.objects.get().status == "not_started" and Action.objects.count() == 1


def test_an_outcome_whose_action_is_refused_is_not_saved_either(org, session):
    item = session.agenda.first()
    inactive = org.other_head
    inactive.is_active = False
    inactive.save()
    with pytest.raises(ValidationError, match="Choose an owner who can sign in"):
        services.record_outcome_and_action(
            item=item,
            by=org.strategy_officer,
            discussion="Discussed",
            result="actions",
            action_title="Act",
            action_owner=inactive,
            action_due=date(2012, 3, 31),
        )
    assert not Outcome.objects.exists() and not Action.objects.exists()
    item.worry.refresh_from_db()
    assert item.worry.board_outcome == ""


def test_actions_agreed_needs_an_action_and_changing_the_outcome_keeps_the_one_agreed(client, org, session):
    item = session.agenda.first()
    client.force_login(org.strategy_officer)
    url = reverse("board:outcome_form", args=[session.pk, item.pk])
    page = client.post(url, {"discussion": "Discussed", "result": "actions"}).content.decode()
    assert "Enter the action the Board agreed, or choose another outcome" in page
    assert not Outcome.objects.exists()

    agreed = {"action_title": "Review the rota", "action_owner": org.head.pk, "action_due": "31 3 2012"}
    assert client.post(url, {"discussion": "Discussed", "result": "actions", **agreed}).status_code == 302
    detail = client.get(reverse("board:session_detail", args=[session.pk])).content.decode()
    assert f'Change outcome<span class="govuk-visually-hidden"> for {item.worry.title}' in detail
    assert f'Record outcome<span class="govuk-visually-hidden"> for {item.worry.title}' not in detail

    page = client.get(url).content.decode()
    assert "Actions already agreed on this worry" in page and "Review the rota" in page
    assert "Add another agreed action (optional)" in page
    assert client.post(url, {"discussion": "Discussed again", "result": "actions"}).status_code == 302
    assert Action.objects.count() == 1
    assert Outcome.objects.get().discussion == "Discussed again"


def test_only_officers_are_offered_as_action_owners(client, org, session):
    client.force_login(org.strategy_officer)
    page = client.get(reverse("board:outcome_form", args=[session.pk, session.agenda.first().pk])).content.decode()
    for officer in (org.head, org.director, org.strategy_officer, org.contributor):
        assert f'value="{officer.pk}"' in page, officer
    for not_an_officer in (org.member, org.administrator, org.clerk):
        assert f'value="{not_an_officer.pk}"' not in page, not_an_officer


def test_a_list_returned_after_the_board_met_cannot_rewrite_or_remove_what_it_discussed(client, org, session):
    discussed, waiting = session.agenda.order_by("position")
    services.record_outcome(item=discussed, by=org.strategy_officer, discussion="Noted.", result="resolved")
    worry_list = discussed.worry.worry_list
    worry_lists.return_worry_list(worry_list=worry_list, by=org.strategy_officer, reason="Add the evidence.")
    discussed_worry = Worry.objects.get(pk=discussed.worry_id)
    before = (discussed_worry.title, discussed_worry.evidence)

    with pytest.raises(ValidationError, match="kept as discussed"):
        worry_lists.update_worry(
            worry=discussed_worry, by=org.head, expected_version=discussed_worry.version, title="X"
        )
    client.force_login(org.head)
    details = reverse("worrylists:worry_details", args=[worry_list.pk, discussed_worry.pk])
    page = client.get(details, follow=True).content.decode()
    assert "kept as discussed" in page
    posted = client.post(details, {"evidence": "Rewritten.", "ask": "Rewritten.", "version": discussed_worry.version})
    assert posted.status_code == 302
    remove = reverse("worrylists:worry_remove", args=[worry_list.pk, discussed_worry.pk])
    removed = client.post(remove, {"version": discussed_worry.version}, follow=True)
    assert removed.status_code == 200 and "kept as discussed" in removed.content.decode()

    # On the agenda but not yet discussed: a clear message, never a server error.
    remove_waiting = reverse("worrylists:worry_remove", args=[worry_list.pk, waiting.worry_id])
    refused = client.post(remove_waiting, {"version": waiting.worry.version}, follow=True)
    assert (
        refused.status_code == 200
        and "is on the Board&#x27;s agenda, so it cannot be removed" in refused.content.decode()
    )

    discussed_worry.refresh_from_db()
    assert (discussed_worry.title, discussed_worry.evidence) == before
    assert Worry.objects.filter(pk=waiting.worry_id).exists()
    detail = client.get(reverse("worrylists:worry_list_detail", args=[worry_list.pk])).content.decode()
    card = detail.split(f'id="worry-{discussed_worry.pk}"')[1].split('class="govuk-summary-card"')[0]
    assert "Change" not in card and "Remove" not in card  # no link that leads only to a refusal


def test_a_head_of_two_services_in_a_grouping_sees_its_session_and_agenda_counted_once(client, org, session):
    second = ServiceFactory(directorate=org.directorate, heads=[org.head])
    session.grouping.services.add(second)
    client.force_login(org.head)
    (listed,) = client.get(reverse("board:session_list")).context["sessions"]
    assert listed.pk == session.pk and listed.agenda_count == 2
