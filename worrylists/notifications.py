"""Email about worry lists. Sent only after the change is committed, so nobody is told
about a submission or return that did not happen."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from perfmgmt.models import User
from perfmgmt.roles import Role
from worrylists.models import WorryList


def _link(worry_list: WorryList) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("worrylists:worry_list_detail", args=[worry_list.pk])


def send_after_commit(subject: str, body: str, recipients: list[str]) -> bool:
    """Queue the message for after commit. A mail server failure is logged, not shown as
    an error page: the change it reports has happened. False when nobody can be told."""
    recipients = sorted({address for address in recipients if address})
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients), robust=True)
    return bool(recipients)


def active_addresses(people) -> list[str]:
    return [person.email for person in people if person is not None and person.is_active and person.email]


def strategy_unit_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name=Role.STRATEGY_UNIT.label).values_list("email", flat=True)
    )


def worry_list_submitted(worry_list: WorryList) -> None:
    director = worry_list.service.directorate.strategic_director
    late = " (after the deadline)" if worry_list.submitted_late else ""
    send_after_commit(
        f"Worry list submitted: {worry_list.service}, {worry_list.quarter.label}",
        f"{worry_list.submitted_by} submitted the {worry_list.quarter.label} worry list for "
        f"{worry_list.service}{late}, with {worry_list.worries.count()} worries.\n\n"
        f"Read it: {_link(worry_list)}\n",
        [*active_addresses([director]), *strategy_unit_addresses()],
    )


def worry_list_returned(worry_list: WorryList) -> None:
    send_after_commit(
        f"Worry list returned for revision: {worry_list.service}, {worry_list.quarter.label}",
        f"{worry_list.returned_by} has returned the {worry_list.quarter.label} worry list for "
        f"{worry_list.service} so that you can revise it.\n\nReason:\n{worry_list.return_reason}\n\n"
        f"Revise and submit it again: {_link(worry_list)}\n",
        active_addresses(worry_list.service.heads.all()),
    )


def worry_list_reminder(service, quarter, worry_list: WorryList | None) -> bool:
    deadline = f"{quarter.worry_list_deadline:%-d %B %Y}" if quarter.worry_list_deadline else "the deadline"
    where = _link(worry_list) if worry_list else settings.SITE_URL.rstrip("/") + reverse("worrylists:worry_list_index")
    return send_after_commit(
        f"Reminder: {service} worry list for {quarter.label} is due by {deadline}",
        f"The {quarter.label} worry list for {service} has not been submitted yet. "
        f"Please submit it by {deadline}.\n\n{where}\n",
        active_addresses(service.heads.all()),
    )
