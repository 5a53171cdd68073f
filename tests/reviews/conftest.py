"""A quarter the Board has worked through, and a committee report started from it, for the
committee report tests."""

from datetime import date

import pytest

from perfmgmt.models import DmtGrouping, Quarter
from perfmgmt.roles import Role
from reviews.annexes.services import annex_for, mark_annex_ready
from reviews.board import services
from reviews.models import Theme
from reviews.reports import drafting, publication
from reviews.reports import services as reports
from tests.factories import SubmittedWorryListFactory, UserFactory, WorryFactory


@pytest.fixture
def quarter(org, time_machine_date):
    """One grouping session held with two worries (one specific, one thematic), an action,
    a ready annex, user-voice evidence and the reflection session still to come."""
    time_machine_date(date(2012, 3, 20))
    quarter = Quarter.objects.get()
    worry_list = SubmittedWorryListFactory(service=org.service, quarter=quarter)
    WorryFactory(
        worry_list=worry_list,
        title="Educational attainment",
        evidence="Key Stage 4 results are 148th of 152.",
        position=1,
    )
    WorryFactory(worry_list=worry_list, title="Evidence-basing", evidence="Weak evidence bases.", position=2)
    officer = org.strategy_officer
    session = services.schedule_session(
        quarter=quarter,
        grouping=DmtGrouping.objects.get(name="Children and young people"),
        on=date(2012, 2, 7),
        attendees=[org.director],
        by=officer,
    )
    theme = Theme.objects.create(name="Evidence-basing", description="Are our evidence bases strong enough?")
    specific, thematic = session.agenda.order_by("position")
    outcome = services.record_outcome(
        item=specific,
        by=officer,
        discussion="A fresh analysis is nearing completion.",
        result="actions",
        report_to_committee=True,
    )
    services.agree_action(
        by=officer, title="Present a paper on key actions", owner=org.head, due=date(2012, 4, 30), outcome=outcome
    )
    services.record_outcome(item=thematic, by=officer, discussion="Raised as a theme.", result="theme", themes=[theme])
    mark_annex_ready(annex=annex_for(session), by=officer)
    services.save_user_voice(
        by=officer,
        quarter=quarter,
        source="helpdesk",
        title="Learning from helpdesk calls",
        services=[],
        summary="Routine learning from calls is an area for development.",
        key_figures="",
        changes="",
    )
    # Regeneration's session is scheduled but not yet held: it has not reported.
    regeneration = DmtGrouping.objects.get(name="Regeneration")
    services.schedule_session(quarter=quarter, grouping=regeneration, on=date(2012, 2, 14), attendees=[], by=officer)
    services.schedule_session(quarter=quarter, grouping=None, on=date(2012, 2, 21), attendees=[], by=officer)
    return quarter


@pytest.fixture
def author(org):
    # Head of Audit and Performance Improvement: a head of service, as in the demo.
    return UserFactory(
        username="jon", first_name="Jon", last_name="Bell", email="jon@example.org", roles=[Role.HEAD_OF_SERVICE]
    )


def start(org, quarter, author, committee="Governance and Audit Committee", **kwargs):
    return drafting.start_report(
        by=org.strategy_officer,
        quarter=quarter,
        committee=committee,
        meeting_date=date(2012, 3, 9),
        subject="Performance Management Update (Quarter 3 2011-2012)",
        report_by="Head of Audit and Performance Improvement",
        author=author,
        **kwargs,
    )


@pytest.fixture
def report(org, quarter, author):
    return start(org, quarter, author)


def through_clearance(org, report):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    reports.clear(report=report, by=org.legal, area="legal", comments="No legal implications.")
    reports.clear(report=report, by=org.finance, area="finance", comments="No financial implications.\n\nNone yet.")
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    reports.sign(report=report, by=report.author)
    report.refresh_from_db()
    return report


@pytest.fixture
def published(org, report):
    through_clearance(org, report)
    publication.publish_now(report=report, by=org.clerk)
    report.refresh_from_db()
    return report
