"""A report stays one a committee reads, whatever the size of the council: only the worries
the Board chose to raise with the committee get paragraphs of their own; the others are
counted by grouping in one paragraph and listed in an appendix. Shown with a generated
quarter at two sizes (the rule, not the full ten-times council, which bench/ measures)."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from perfmgmt.models import BenchmarkIndicator
from perfmgmt.plans.services import record_figure
from reviews.annexes import services as annexes
from reviews.board import services as board
from reviews.models import AgendaItem, BoardSession, ReportAppendix
from reviews.reports import files as report_files
from reviews.reports import selectors as report_selectors
from tests.factories import (
    BusinessPlanFactory,
    DmtGroupingFactory,
    MeasureFactory,
    ServiceFactory,
    SubmittedWorryListFactory,
    WorryFactory,
)
from tests.reviews.conftest import start

pytestmark = pytest.mark.django_db


def grow(org, quarter, groupings: int, raised: int = 0, name: str = "Grouping") -> None:
    """Groupings of two services, each with two worries discussed at a held session; the
    first `raised` of them are raised with the committee."""
    for number in range(groupings):
        services = [ServiceFactory(directorate=org.directorate) for _ in range(2)]
        grouping = DmtGroupingFactory(name=f"{name} {number}", services=services)
        for service in services:
            worry_list = SubmittedWorryListFactory(service=service, quarter=quarter)
            for position in (1, 2):
                WorryFactory(worry_list=worry_list, title=f"{service.name} worry {position}", position=position)
        session = board.schedule_session(
            quarter=quarter, grouping=grouping, on=date(2012, 2, 8), attendees=[], by=org.strategy_officer
        )
        for item in session.agenda.all():
            board.record_outcome(
                item=item,
                by=org.strategy_officer,
                discussion="Discussed at length, with a long account of what the Board said. " * 5,
                result="commitment",
                report_to_committee=raised > 0,
            )
            raised -= 1


def issues_of(report):
    document = report_selectors.report_document(report)
    return document, next(s for s in document.sections if s.key == "issues").printed


def test_only_the_worries_raised_get_paragraphs_and_the_rest_are_counted_and_listed(org, quarter, author):
    grow(org, quarter, groupings=6, raised=2)
    report = start(org, quarter, author)
    document, issues = issues_of(report)
    worries = [p for p in issues if p.paragraph.source_key.startswith("worry:")]
    assert len(worries) == 3  # the fixture's one, and the two raised here
    other = next(p for p in issues if p.paragraph.source_key == "other-worries")
    assert other.text.startswith("The Board also discussed 22 other worries: 2 from Grouping 0, 4 from Grouping 1")
    assert report.appendices.filter(kind=ReportAppendix.Kind.OTHER_WORRIES).exists()
    full = report_selectors.report_document(report, with_appendix_contents=True)
    pack = report_files.pack_html(full, with_exempt=False)
    listed = next(a for a in full.appendices if a.appendix.kind == ReportAppendix.Kind.OTHER_WORRIES)
    assert len(listed.worries) == 22 and all(item.worry.title in pack for item in listed.worries)


def test_the_report_is_the_same_length_at_any_size_and_renders(org, quarter, author):
    grow(org, quarter, groupings=3, raised=1)
    small = start(org, quarter, author)
    grow(org, quarter, groupings=30, name="Larger")
    large = start(org, quarter, author, committee="Cabinet")
    small_document, small_issues = issues_of(small)
    large_document, large_issues = issues_of(large)
    assert len(large_issues) == len(small_issues)
    assert large_document.size() - small_document.size() < 1_000  # the counts sentence, not 120 paragraphs
    pages = PdfReader(io.BytesIO(report_files.report_pdf(large_document))).pages
    assert len(pages) <= 6


def add_annexes(org, quarter, count: int, start: int) -> None:
    """`count` groupings' sessions, each with a ready annex of a measure whose figure the
    head entered through the product, an indicator and a contributor's note."""
    grow(org, quarter, groupings=count, name=f"Annexed {start}")
    for session in BoardSession.objects.filter(grouping__name__startswith=f"Annexed {start}"):
        service = session.grouping.services.first()
        service.heads.add(org.head)
        measure = MeasureFactory(plan=BusinessPlanFactory(service=service, financial_year=quarter.financial_year))
        record_figure(measure=measure, quarter=quarter, by=org.head, actual=1, commentary="", forecast="")
        indicator = BenchmarkIndicator.objects.create(
            code=f"A{session.pk}", title=f"Indicator {session.pk}", unit="number", polarity="high"
        )
        annex = annexes.annex_for(session)
        annexes.set_annex_contents(annex=annex, indicators=[indicator], measures=[measure], by=org.strategy_officer)
        annexes.save_note(
            annex=annex, by=org.contributor, service=service, concern="A finding", rating="high", source_reference="R"
        )
        annexes.mark_annex_ready(annex=annex, by=org.strategy_officer)


def test_the_committee_pack_takes_the_same_queries_with_three_times_the_annexes(org, quarter, author):
    def pack_queries():
        report = start(org, quarter, author)
        with CaptureQueriesContext(connection) as queries:
            document = report_selectors.report_document(report, with_appendix_contents=True)
            html = report_files.pack_html(document, with_exempt=False)
        annexed = [a for a in document.appendices if a.appendix.kind == ReportAppendix.Kind.ANNEX]
        report.delete()
        return queries.captured_queries, len(annexed), html

    add_annexes(org, quarter, 2, start=0)
    small, small_annexes, _ = pack_queries()
    add_annexes(org, quarter, 4, start=1)
    large, large_annexes, html = pack_queries()
    assert large_annexes == small_annexes + 4
    assert html.count("A finding") == large_annexes - 1  # the fixture's own annex has no notes
    assert len(large) == len(small), "\n".join(query["sql"] for query in large)


def test_the_action_plan_appendix_prints_the_raised_worries_actions_and_counts_the_rest(org, quarter, author):
    grow(org, quarter, groupings=2, raised=1)
    owner = org.head
    for item in AgendaItem.objects.filter(session__grouping__name__startswith="Grouping").select_related("outcome"):
        overdue = item.position == 2
        board.agree_action(
            by=org.strategy_officer,
            title=f"Act on {item.worry.title}",
            owner=owner,
            due=date(2012, 1, 10) if overdue else date(2012, 6, 30),
            outcome=item.outcome,
        )
    report = start(org, quarter, author)
    document = report_selectors.report_document(report, with_appendix_contents=True)
    plan = next(a for a in document.appendices if a.appendix.kind == ReportAppendix.Kind.ACTION_PLAN)
    raised = [row.action.title for row in plan.actions]
    # The fixture's raised worry's action, and the one on the worry raised here; not the other seven.
    raised_here = AgendaItem.objects.get(outcome__report_to_committee=True, session__grouping__name="Grouping 0")
    assert raised == ["Present a paper on key actions", f"Act on {raised_here.worry.title}"]
    assert [(c.session, c.count, c.overdue) for c in plan.other_actions] == [
        ("the Grouping 0 session", 3, 1),
        ("the Grouping 1 session", 4, 1),
    ]
    pack = report_files.pack_html(document, with_exempt=False)
    assert "3 at the Grouping 0 session (1 overdue); 4 at the Grouping 1 session (1 overdue)." in pack
    assert "/history/actions/" not in pack and "Update progress" not in pack  # no links into the product
    worries = next(a for a in document.appendices if a.appendix.kind == ReportAppendix.Kind.OTHER_WORRIES)
    assert len(worries.worries) == 7
    assert (
        "<h3>Grouping 1, 8 February 2012</h3>" in pack
        and '<table class="app-report-table">\n              <caption>Worries' not in pack
    )
