"""Email for every app: sent only after the change it reports is committed, so nobody is
told about a step that did not happen, and only to people who can still sign in."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from perfmgmt.models import User
from perfmgmt.roles import Role

_held_back = ContextVar("email_held_back", default=False)


@contextmanager
def held_back():
    """Inside this block nothing is sent: loading the demo replays past quarters, and
    nobody should be told about steps taken long ago."""
    token = _held_back.set(True)
    try:
        yield
    finally:
        _held_back.reset(token)


def send_after_commit(subject: str, body: str, recipients: list[str]) -> bool:
    """Queue the message for after commit. A mail server failure is logged, not shown as
    an error page: the change it reports has happened. False when nobody can be told."""
    recipients = sorted({address for address in recipients if address})
    # A subject is one line: a line break in a title someone typed (a report's subject, say)
    # would make Django refuse the whole message.
    subject = " ".join(subject.split())
    if recipients and not _held_back.get():
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients), robust=True)
    return bool(recipients)


def active_addresses(people) -> list[str]:
    """The addresses of those of these people who can sign in."""
    return [person.email for person in people if person is not None and person.is_active and person.email]


def addresses_of_role_holders(*roles: Role) -> list[str]:
    """Everyone active who holds any of these roles."""
    people = User.objects.filter(is_active=True, groups__name__in=[role.label for role in roles]).distinct()
    return active_addresses(people)


def link(view: str, *args) -> str:
    """The full address of a page, for the body of an email."""
    return settings.SITE_URL.rstrip("/") + reverse(view, args=args)
