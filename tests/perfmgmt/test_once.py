"""Forms that create things create them once: a second press of the button, or the page
sent again, saves nothing more and goes where the first went; simultaneous presses too,
on PostgreSQL as in production."""

import re
import threading
import uuid
from datetime import date

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from perfmgmt.models import Quarter
from reviews.board import services as board
from reviews.models import ActionUpdate, Theme, UserVoice
from tests.conftest import require_postgresql
from tests.factories import UserFactory, WorryListFactory
from worrylists.models import Worry


def twice(client, url, data):
    data = {**data, "once": str(uuid.uuid4())}
    return client.post(url, data), client.post(url, data)


@pytest.mark.django_db
def test_a_worry_added_twice_from_one_page_is_added_once_and_both_go_to_it(client, org):
    worry_list = WorryListFactory(service=org.service, started_by=org.head)
    client.force_login(org.head)
    first, second = twice(
        client, reverse("worrylists:worry_add", args=[worry_list.pk]), {"kind": "performance", "title": "Attainment"}
    )
    assert Worry.objects.filter(worry_list=worry_list).count() == 1
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]


@pytest.mark.django_db
def test_user_voice_themes_progress_and_paragraphs_are_saved_once(client, org):
    client.force_login(org.strategy_officer)
    quarter = Quarter.objects.get()
    twice(
        client,
        f"{reverse('board:user_voice_add')}?quarter={quarter.pk}",
        {"source": "survey", "title": "Residents' survey", "summary": "Most are satisfied."},
    )
    assert UserVoice.objects.count() == 1
    twice(client, reverse("board:theme_add"), {"name": "Customer focus", "status": "open"})
    assert Theme.objects.count() == 1

    theme = Theme.objects.get()
    action = board.agree_action(by=org.strategy_officer, title="Map", owner=org.head, due=date(2012, 3, 1), theme=theme)
    client.force_login(org.head)
    twice(client, reverse("board:action_progress", args=[action.pk]), {"status": "on_track", "commentary": "Begun."})
    assert ActionUpdate.objects.filter(action=action).count() == 1


@pytest.mark.django_db
def test_a_refused_save_frees_its_key_so_the_corrected_page_saves(client, org):
    client.force_login(org.strategy_officer)
    key = str(uuid.uuid4())
    url = reverse("board:theme_add")
    refused = client.post(url, {"name": "", "status": "open", "once": key})
    assert refused.status_code == 200 and Theme.objects.count() == 0
    client.post(url, {"name": "Evidence-basing", "status": "open", "once": key})
    assert Theme.objects.filter(name="Evidence-basing").exists()


@pytest.mark.django_db
def test_another_persons_key_is_refused(client, org):
    key = str(uuid.uuid4())
    client.force_login(org.strategy_officer)
    client.post(reverse("board:theme_add"), {"name": "Mine", "status": "open", "once": key})
    other = Client()
    other.force_login(UserFactory(username="another.officer", roles=["strategy_unit"]))
    assert other.post(reverse("board:theme_add"), {"name": "Theirs", "status": "open", "once": key}).status_code == 403
    assert not Theme.objects.filter(name="Theirs").exists()


def _at_once(posts) -> list[int]:
    """Send the posts from threads released together; their status codes."""
    start, codes = threading.Barrier(len(posts)), []

    def send(client, url, data):
        try:
            start.wait(timeout=10)
            codes.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=post) for post in posts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return codes


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_moment_add_one_worry(org):
    require_postgresql()
    worry_list = WorryListFactory(service=org.service, started_by=org.head)
    client = Client()
    client.force_login(org.head)
    data = {"kind": "performance", "title": "Attainment", "once": str(uuid.uuid4())}
    url = reverse("worrylists:worry_add", args=[worry_list.pk])
    assert _at_once([(client, url, data), (client, url, data)]) == [302, 302]
    assert Worry.objects.filter(worry_list=worry_list).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_officers_creating_the_same_theme_at_once_get_a_message_not_an_error(org):
    require_postgresql()
    other = UserFactory(username="another.officer", roles=["strategy_unit"])
    posts = []
    for officer in (org.strategy_officer, other):
        client = Client()
        client.force_login(officer)
        posts.append((client, reverse("board:theme_add"), {"name": "Customer focus", "status": "open"}))
    assert sorted(_at_once(posts)) == [200, 302]  # one saved; the other is told the name is taken
    assert Theme.objects.filter(name="Customer focus").count() == 1


@pytest.mark.django_db
def test_each_page_that_creates_something_carries_a_fresh_key(client, org):
    client.force_login(org.strategy_officer)
    keys = [
        re.search(r'name="once" value="([0-9a-f-]{36})"', client.get(reverse("board:theme_add")).content.decode())[1]
        for _ in range(2)
    ]
    assert keys[0] != keys[1]


@pytest.mark.django_db
def test_keys_older_than_a_week_are_let_go(client, org):
    from datetime import timedelta

    from django.utils import timezone

    from perfmgmt.models import Submission
    from perfmgmt.once import KEPT_FOR

    old = Submission.objects.create(key=uuid.uuid4(), user=org.strategy_officer)
    Submission.objects.filter(pk=old.pk).update(made_at=timezone.now() - KEPT_FOR - timedelta(hours=1))
    client.force_login(org.strategy_officer)
    client.post(reverse("board:theme_add"), {"name": "Skills", "status": "open", "once": str(uuid.uuid4())})
    assert not Submission.objects.filter(pk=old.pk).exists() and Submission.objects.count() == 1
