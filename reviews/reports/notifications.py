"""Email about committee reports: each person is told when the next step is theirs.
Sent after commit (perfmgmt/email.py), so nobody is told about a step that did not
happen."""

from perfmgmt.email import active_addresses, addresses_of_role_holders, link, send_after_commit
from perfmgmt.models import User
from perfmgmt.roles import ADVISER_ROLES, Role
from reviews.models import CommitteeReport


def _link(report: CommitteeReport) -> str:
    return link("reports:report_detail", report.pk)


def sent_for_clearance(report: CommitteeReport) -> None:
    send_after_commit(
        f"For clearance: {report.subject}",
        f"The {report.quarter.label} report to the {report.committee} ({report.meeting_date:%-d %B %Y}) is ready "
        "for clearance. Advisers: please add your comments and clear it.\n\n"
        f"Read it: {_link(report)}\n",
        [*addresses_of_role_holders(*ADVISER_ROLES), *active_addresses([report.author])],
    )


def ready_to_sign(report: CommitteeReport) -> None:
    send_after_commit(
        f"Ready for your signature: {report.subject}",
        "The advisers have cleared the report and the equality impact assessment is confirmed. "
        f"Please read it and sign it.\n\n{_link(report)}\n",
        active_addresses([report.author]),
    )


def ready_to_publish(report: CommitteeReport) -> None:
    send_after_commit(
        f"Ready to publish: {report.subject}",
        f"{report.author} has signed the report to the {report.committee} of {report.meeting_date:%-d %B %Y}. "
        f"It can now be published.\n\n{_link(report)}\n",
        addresses_of_role_holders(Role.COMMITTEE_CLERK),
    )


def returned(report: CommitteeReport, by: User, reason: str, *, was_signed: bool) -> None:
    """Everyone who had a part in clearing it, and the clerk if it was ready to publish."""
    roles = [Role.STRATEGY_UNIT, *ADVISER_ROLES]
    if was_signed:
        roles.append(Role.COMMITTEE_CLERK)
    send_after_commit(
        f"Returned for changes: {report.subject}",
        f"{by} has returned the report for changes"
        + (f":\n\n{reason}\n\n" if reason else ".\n\n")
        + f"Every clearance, and the author's signature, will be needed again.\n\n{_link(report)}\n",
        [*addresses_of_role_holders(*roles), *active_addresses([report.author])],
    )
