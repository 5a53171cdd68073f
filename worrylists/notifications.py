"""Email about worry lists: the director and the Strategy Unit when a list is submitted,
the heads of service when it is returned or due (sent after commit, perfmgmt/email.py)."""

from perfmgmt.email import active_addresses, addresses_of_role_holders, link, send_after_commit
from perfmgmt.roles import Role
from worrylists.models import WorryList


def _link(worry_list: WorryList) -> str:
    return link("worrylists:worry_list_detail", worry_list.pk)


def worry_list_submitted(worry_list: WorryList) -> None:
    director = worry_list.service.directorate.strategic_director
    late = " (after the deadline)" if worry_list.submitted_late else ""
    send_after_commit(
        f"Worry list submitted: {worry_list.service}, {worry_list.quarter.label}",
        f"{worry_list.submitted_by} submitted the {worry_list.quarter.label} worry list for "
        f"{worry_list.service}{late}, with {worry_list.worries.count()} worries.\n\n"
        f"Read it: {_link(worry_list)}\n",
        [*active_addresses([director]), *addresses_of_role_holders(Role.STRATEGY_UNIT)],
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
    where = _link(worry_list) if worry_list else link("worrylists:worry_list_index")
    return send_after_commit(
        f"Reminder: {service} worry list for {quarter.label} is due by {deadline}",
        f"The {quarter.label} worry list for {service} has not been submitted yet. "
        f"Please submit it by {deadline}.\n\n{where}\n",
        active_addresses(service.heads.all()),
    )
