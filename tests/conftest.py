"""Personas and shared fixtures.

Two directorates, each with a Strategic Director and one service with its head, so that
every test can ask "can this person see the other side's data?". The other personas hold
one council-wide role each.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from perfmgmt.models import Directorate, Service, User
from perfmgmt.roles import ContributorArea, Role
from tests.factories import DirectorateFactory, DmtGroupingFactory, OpenQuarterFactory, ServiceFactory, UserFactory
from tests.pdfs import pdfs_rendered_once


@pytest.fixture(autouse=True)
def _fast_and_simple_settings(settings):
    # Hashing is deliberately slow in production; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic in tests: serve static files from the source tree.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True, scope="session")
def _flush_by_delete():
    """Tests against a live server (and other transactional tests) empty the database after
    each test. On PostgreSQL Django does that with TRUNCATE, which costs about a second over
    this schema however few rows a test made; DELETE costs milliseconds. Foreign keys are
    checked at commit, so the order of the tables does not matter."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def delete(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences:
            return truncate(self, style, tables, reset_sequences=True, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", delete)
        yield


@pytest.fixture
def pdfs_once():
    with pdfs_rendered_once():
        yield


@pytest.fixture
def time_machine_date(monkeypatch):
    """Set today's date as the app sees it (the demo quarter is in 2012)."""

    def travel(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return travel


@dataclass
class Organisation:
    directorate: Directorate
    other_directorate: Directorate
    service: Service
    other_service: Service
    head: User
    other_head: User
    director: User
    other_director: User
    strategy_officer: User
    contributor: User
    legal: User
    finance: User
    clerk: User
    member: User
    administrator: User

    def persona(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = [
    "head",
    "other_head",
    "director",
    "other_director",
    "strategy_officer",
    "contributor",
    "legal",
    "finance",
    "clerk",
    "member",
    "administrator",
]


@pytest.fixture
def org(db) -> Organisation:
    head = UserFactory(username="helen", first_name="Helen", last_name="Price", roles=[Role.HEAD_OF_SERVICE])
    other_head = UserFactory(username="marcus", first_name="Marcus", last_name="Dean", roles=[Role.HEAD_OF_SERVICE])
    director = UserFactory(username="diane", first_name="Diane", last_name="Ashworth", roles=[Role.STRATEGIC_DIRECTOR])
    other_director = UserFactory(
        username="alison", first_name="Alison", last_name="Reeve", roles=[Role.STRATEGIC_DIRECTOR]
    )
    directorate = DirectorateFactory(name="Children's Services", strategic_director=director)
    other_directorate = DirectorateFactory(name="Regeneration", strategic_director=other_director)
    service = ServiceFactory(name="Education Standards", directorate=directorate, heads=[head])
    other_service = ServiceFactory(name="Employment and Skills", directorate=other_directorate, heads=[other_head])
    DmtGroupingFactory(name="Children and young people", services=[service])
    DmtGroupingFactory(name="Regeneration", services=[other_service])
    OpenQuarterFactory()
    return Organisation(
        directorate=directorate,
        other_directorate=other_directorate,
        service=service,
        other_service=other_service,
        head=head,
        other_head=other_head,
        director=director,
        other_director=other_director,
        strategy_officer=UserFactory(username="priya", roles=[Role.STRATEGY_UNIT], is_staff=True),
        contributor=UserFactory(
            username="lisa", roles=[Role.CONTRIBUTOR], contributor_area=ContributorArea.INTERNAL_AUDIT
        ),
        legal=UserFactory(username="elaine", roles=[Role.LEGAL_ADVISER]),
        finance=UserFactory(username="simon", roles=[Role.FINANCE_ADVISER]),
        clerk=UserFactory(username="tom", roles=[Role.COMMITTEE_CLERK]),
        member=UserFactory(username="ann", roles=[Role.MEMBER]),
        administrator=UserFactory(username="sam", roles=[Role.ADMINISTRATOR], is_staff=True),
    )


def require_postgresql():
    if connection.vendor == "postgresql":
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must run this test on PostgreSQL (set DATABASE_URL).")
    pytest.skip("Needs PostgreSQL: run with DATABASE_URL pointing at one (CI does).")


class Worker:
    """A real task worker (`manage.py db_worker`) against this test's database, in its own
    process group so that a test can kill it, render children and all."""

    def __init__(self, **environment):
        settings_dict = connection.settings_dict
        url = f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
        env = {**os.environ, "DATABASE_URL": url, "TASK_BACKEND": "database", **environment}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay", "--verbosity", "0"],
            cwd=Path(__file__).resolve().parents[1],
            env=env,
            start_new_session=True,
        )

    def kill(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def worker(settings):
    """Start real workers: the test's own requests queue in the database, as in production."""
    require_postgresql()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    started = []

    def start_worker(**environment):
        started.append(Worker(**environment))
        return started[-1]

    yield start_worker
    for each in started:
        each.kill()


def wait_for(condition, seconds=90):
    """Poll the database until condition() is true (the worker commits in its own process)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"Still waiting after {seconds} s")
