"""Two people save the same worry at the same moment, on PostgreSQL as in production."""

import threading

import pytest
from django.db import connections

from tests.conftest import require_postgresql
from tests.factories import WorryFactory, WorryListFactory
from worrylists import services
from worrylists.models import Worry


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_from_the_same_version_let_exactly_one_through(org):
    require_postgresql()
    worry = WorryFactory(worry_list=WorryListFactory(service=org.service, started_by=org.head), title="Shared")
    start = threading.Barrier(2)
    outcomes = []

    def save(words):
        try:
            start.wait(timeout=10)
            services.update_worry(worry=worry, by=org.head, expected_version=1, evidence=words)
            outcomes.append(("saved", words))
        except services.EditConflict as conflict:
            outcomes.append(("conflict", conflict.current.evidence))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(words,)) for words in ("Editor A", "Editor B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    saved = next(words for kind, words in outcomes if kind == "saved")
    seen_by_loser = next(words for kind, words in outcomes if kind == "conflict")
    assert seen_by_loser == saved  # the second editor is shown the first editor's version
    worry = Worry.objects.get(pk=worry.pk)
    assert (worry.evidence, worry.version) == (saved, 2)
