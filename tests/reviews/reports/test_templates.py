"""A committee report as its template prints it: the numbering and recommendation styles,
the header rows, clearance only from the advisers the template asks for, tables and
exceptions built from exactly the scorecard's figures, and a draft moved to another
template without losing a paragraph."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import BusinessPlan, Quarter
from perfmgmt.plans.selectors import council_scorecard
from perfmgmt.rag import Rag
from perfmgmt.roles import Role
from reviews.models import ExemptParagraph, ReportAppendix, TemplateSection
from reviews.report_templates import services as templates
from reviews.reports import drafting, publication
from reviews.reports import files as report_files
from reviews.reports import permissions as report_permissions
from reviews.reports import selectors as report_selectors
from reviews.reports import services as reports
from reviews.reports.numbering import list_number, roman
from tests.factories import (
    BusinessPlanFactory,
    MeasureFactory,
    MeasureFigureFactory,
    SubmittedWorryListFactory,
    UserFactory,
    WorryFactory,
)
from tests.reviews.conftest import start, through_clearance

pytestmark = pytest.mark.django_db
Block = TemplateSection.Block
Writer = TemplateSection.Writer


@pytest.fixture
def copy(org):
    shipped = drafting.template_for("Governance and Audit Committee")
    return templates.copy_template(template=shipped, by=org.strategy_officer, name="Copy")


def document_of(report):
    report.refresh_from_db()
    return report_selectors.report_document(report)


def test_recommendations_are_numbered_in_each_style():
    assert [list_number("1)", n) for n in (1, 2)] == ["1)", "2)"]
    assert [list_number("(i)", n) for n in (1, 4, 9, 14)] == ["(i)", "(iv)", "(ix)", "(xiv)"]
    assert [list_number("(a)", n) for n in (1, 2, 27)] == ["(a)", "(b)", "(aa)"]
    assert [list_number("a.", n) for n in (1, 3)] == ["a.", "c."]
    assert roman(1994) == "mcmxciv"


def test_the_template_says_how_sections_paragraphs_recommendations_and_appendices_are_numbered(
    org, quarter, author, copy
):
    templates.save_settings(
        template=copy,
        by=org.strategy_officer,
        numbering="sections",
        recommendation_style="(i)",
        appendix_style="numbers",
        recommendations_intro="RECOMMENDED that the {committee}:",
    )
    report = start(org, quarter, author, template=copy)
    document = document_of(report)
    issues = next(s for s in document.sections if s.key == "issues")
    assert issues.heading == "5. Issues emerging" and [p.number for p in issues.printed] == [""] * 5
    recommendations = next(s for s in document.sections if s.is_list)
    assert [p.number for p in recommendations.printed] == ["(i)", "(ii)"]
    assert [a.letter for a in document.appendices] == ["1", "2"]
    html = report_files.report_html(document)
    assert "RECOMMENDED that the Governance and Audit Committee:" in html and "Appendix 1: Action plan" in html

    templates.save_settings(template=copy, by=org.strategy_officer, numbering="none")
    assert document_of(report).sections[4].heading == "Issues emerging"


def test_header_rows_print_the_reports_details_as_the_template_labels_them(org, quarter, author, copy):
    for label, value in [("Contact officer", "contact_officer"), ("Exempt or not", "exempt")]:
        templates.save_header_row(template=copy, by=org.strategy_officer, label=label, value=value)
    templates.save_header_row(template=copy, by=org.strategy_officer, label="Classification", value="text", text="Open")
    report = start(org, quarter, author, template=copy, contact_officer="Jon Bell, 023 9283 4000")
    rows = dict(document_of(report).header_rows)
    assert rows["Contact officer"] == "Jon Bell, 023 9283 4000" and rows["Classification"] == "Open"
    assert rows["Exempt or not"] == "No: the report is open to the public"
    report.exempt_paragraph = ExemptParagraph.FINANCIAL
    report.save()
    document = document_of(report)
    assert dict(document.header_rows)["Exempt or not"].startswith("Yes: exempt from publication under paragraph 3")
    assert "Not for publication:" in report_files.report_html(document)


def test_the_details_form_asks_only_for_what_the_template_prints(client, org, quarter, author, copy):
    templates.remove(item=copy.header_rows.get(value="wards_affected"), by=org.strategy_officer)
    templates.save_header_row(template=copy, by=org.strategy_officer, label="Portfolio holder", value="portfolio")
    report = start(org, quarter, author, template=copy)
    client.force_login(org.strategy_officer)
    page = client.get(reverse("reports:report_details", args=[report.pk])).content.decode()
    assert 'name="wards_affected"' not in page and "Portfolio holder" in page and 'name="portfolio"' in page


def test_only_the_advisers_the_template_asks_for_clear_the_report(org, quarter, author, copy):
    templates.remove(item=copy.sections.get(writer="finance"), by=org.strategy_officer)
    report = start(org, quarter, author, template=copy)
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    reports.clear(report=report, by=org.legal, area="legal", comments="No legal implications.")
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    report.refresh_from_db()
    assert report_permissions.clearance_missing(report) == []
    reports.sign(report=report, by=author)
    version = publication.publish_now(report=report, by=org.clerk)
    assert version.finance_cleared_at is None and version.legal_cleared_by == org.legal


def test_compulsory_sections_are_the_templates(org, quarter, author, copy):
    templates.save_section(
        template=copy, by=org.strategy_officer, title="Risk implications", writer="strategy_unit", compulsory=True
    )
    report = start(org, quarter, author, template=copy)
    with pytest.raises(Exception, match="Risk implications"):
        reports.submit_for_clearance(report=report, by=org.strategy_officer)


def measures(org, quarter, count=1):
    """Red, amber and green measures (and one with no figure), count of each."""
    year = quarter.financial_year
    plan = BusinessPlan.objects.filter(service=org.service, financial_year=year).first()
    plan = plan or BusinessPlanFactory(service=org.service, financial_year=year)
    other = BusinessPlan.objects.filter(service=org.other_service, financial_year=year).first()
    other = other or BusinessPlanFactory(service=org.other_service, financial_year=year)
    for number in range(count):
        for actual, title in [("40", "Red"), ("47", "Amber"), ("60", "Green")]:
            for where in (plan, other):
                measure = MeasureFactory(plan=where, title=f"{title} {number} in {where.service.name}")
                MeasureFigureFactory(
                    measure=measure,
                    quarter=quarter,
                    actual=Decimal(actual),
                    commentary=f"Why {measure.title}" if title == "Red" else "",
                    corrective_action=f"Fix {measure.title}" if title == "Red" else "",
                )
        MeasureFactory(plan=plan, title=f"No data {number}")


@pytest.fixture
def kpi_template(org, copy):
    for title, block, extra in [
        ("Performance summary", Block.SUMMARY_COUNTS, {}),
        ("Exceptions", Block.EXCEPTIONS, {}),
        (
            "Key measures",
            Block.KPI_TABLE,
            {"kpi_directorate": org.directorate, "kpi_columns": "target,actual,status,corrective_action"},
        ),
    ]:
        templates.save_section(
            template=copy, by=org.strategy_officer, title=title, writer="strategy_unit", block=block, **extra
        )
    return copy


def test_exceptions_and_the_kpi_table_hold_exactly_the_scorecards_figures(org, quarter, author, kpi_template):
    measures(org, quarter)
    report = start(org, quarter, author, template=kpi_template)
    document = document_of(report)
    scorecard = council_scorecard(quarter)
    exceptions = next(s for s in document.sections if s.title == "Exceptions").printed
    wanted = [row for row in scorecard if row.rag in (Rag.RED, Rag.AMBER)]
    assert [p.heading for p in exceptions] == [row.measure.title for row in wanted]
    red = next(p for p in exceptions if p.heading.startswith("Red 0 in Education"))
    assert red.text == (
        "Red: 40% against a target of 50%. Why Red 0 in Education Standards Corrective action: Fix Red 0 in "
        "Education Standards"
    )

    table = next(s for s in document.sections if s.title == "Key measures").block
    assert table.headings == ["Target", "Actual", "Status now", "Corrective action"]
    mine = [row for row in scorecard if row.directorate == org.directorate]
    assert [(row.measure.title, cells) for row, cells in table.rows] == [
        (row.measure.title, [row.target or "–", row.actual or "–", row.rag.label, row.corrective_action or "–"])
        for row in mine
    ]

    summary = next(s for s in document.sections if s.title == "Performance summary")
    assert summary.block.counts == [
        ("red", "Red", 2),
        ("amber", "Amber", 2),
        ("green", "Green", 2),
        ("no_data", "No data", 1),
    ]
    assert summary.printed[0].text.startswith(
        "Of the 7 measures in the service business plans for Q3 2011/12, 2 are red"
    )
    html = report_files.report_html(document)
    assert "<title" in html and "Red: 2; Amber: 2; Green: 2; No data: 1." in html  # the chart's text alternative


def test_a_refresh_brings_the_exceptions_up_to_date_and_keeps_an_edited_one(org, quarter, author, kpi_template):
    measures(org, quarter)
    report = start(org, quarter, author, template=kpi_template)
    red = report.paragraphs.get(heading="Red 0 in Education Standards")
    reports.save_paragraph(
        report=report,
        by=org.strategy_officer,
        section=red.section,
        heading=red.heading,
        text="Our own words.",
        paragraph=red,
    )
    green = MeasureFigureFactory._meta.model.objects.get(measure__title="Green 0 in Education Standards")
    green.actual = Decimal("10")
    green.save()
    drafting.refresh_from_quarter(report=report, by=org.strategy_officer)
    headings = list(report.paragraphs.filter(source__startswith="Scorecard").values_list("heading", flat=True))
    assert "Green 0 in Education Standards" in headings
    assert report.paragraphs.get(heading="Red 0 in Education Standards").text == "Our own words."


def test_the_scorecard_appendix_prints_every_measure_in_the_pack(org, quarter, author, copy):
    measures(org, quarter)
    templates.save_settings(template=copy, by=org.strategy_officer, scorecard_appendix=True)
    report = start(org, quarter, author, template=copy)
    assert report.appendices.filter(kind=ReportAppendix.Kind.SCORECARD).exists()
    document = report_selectors.report_document(report, with_appendix_contents=True)
    pack = report_files.pack_html(document, with_exempt=False)
    for row in council_scorecard(quarter):
        assert row.measure.title in pack


def test_the_working_page_keeps_its_query_count_as_measures_grow(client, org, quarter, author, kpi_template):
    measures(org, quarter)
    report = start(org, quarter, author, template=kpi_template)
    client.force_login(org.strategy_officer)
    url = reverse("reports:report_detail", args=[report.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    measures(org, quarter, count=4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_a_draft_moved_to_another_template_loses_no_paragraph(client, org, quarter, author, copy):
    report = start(org, quarter, author)
    templates.save_section(
        template=copy, by=org.strategy_officer, section=copy.sections.get(key="context"), title="Background"
    )
    templates.remove(item=copy.sections.get(key="user_voice"), by=org.strategy_officer)
    before = {p.pk: (p.heading, p.text) for p in report.paragraphs.all()}
    context = set(report.paragraphs.filter(section="context").values_list("pk", flat=True))
    user_voice = set(report.paragraphs.filter(section="user_voice").values_list("pk", flat=True))

    assert reports.move_to_template(report=report, by=org.strategy_officer, template=copy) == len(context | user_voice)
    document = document_of(report)
    assert {p.pk: (p.heading, p.text) for p in report.paragraphs.all()} == before
    assert {p.pk for p in document.not_placed} == context | user_voice
    printed = {n.paragraph.pk for s in document.sections for n in s.paragraphs}
    assert printed | {p.pk for p in document.not_placed} == set(before)

    client.force_login(org.strategy_officer)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "not placed" in page and "Choose a section" in page
    stray = document.not_placed[0]
    url = reverse("reports:paragraph_edit", args=[report.pk, stray.pk])
    assert "Choose the section" in client.get(url).content.decode()
    response = client.post(url, {"section": "", "heading": stray.heading, "text": stray.text})
    assert "Choose the section the paragraph goes in" in response.content.decode()
    client.post(url, {"section": "context", "heading": stray.heading, "text": stray.text})
    stray.refresh_from_db()
    assert stray.section == "context" and stray.pk not in {p.pk for p in document_of(report).not_placed}


def test_a_report_cannot_move_to_the_template_it_follows(org, report):
    with pytest.raises(Exception, match="already follows"):
        reports.move_to_template(report=report, by=org.strategy_officer, template=report.template)


def test_publishing_with_a_template_and_then_changing_it_keeps_the_published_bytes(org, quarter, author, kpi_template):
    measures(org, quarter)
    report = through_clearance(org, start(org, quarter, author, template=kpi_template))
    version = publication.publish_now(report=report, by=org.clerk)
    stored = {f.kind: f.sha256 for f in version.files.all()}
    templates.save_settings(template=kpi_template, by=org.strategy_officer, recommendation_style="a.")
    MeasureFigureFactory._meta.model.objects.update(actual=Decimal("99"))
    assert {f.kind: f.sha256 for f in version.files.all()} == stored


def test_what_changed_since_last_quarter_names_the_worries_and_the_measures_that_moved(org, quarter, author, copy):
    before = Quarter.objects.create(financial_year=quarter.financial_year, number=2, status=Quarter.Status.CLOSED)
    earlier = SubmittedWorryListFactory(service=org.service, quarter=before)
    WorryFactory(worry_list=earlier, title="Sorted out", resolved=True)
    WorryFactory(worry_list=earlier, title="Still here")
    plan = BusinessPlanFactory(service=org.service, financial_year=quarter.financial_year)
    worse = MeasureFactory(plan=plan, title="Attendance")
    same = MeasureFactory(plan=plan, title="Exclusions")
    for measure, then, now in [(worse, "60", "40"), (same, "60", "61")]:
        MeasureFigureFactory(measure=measure, quarter=before, actual=Decimal(then))
        MeasureFigureFactory(measure=measure, quarter=quarter, actual=Decimal(now), commentary="Why.")
    templates.save_section(
        template=copy, by=org.strategy_officer, title="What has changed", writer="strategy_unit", block=Block.CHANGES
    )
    report = start(org, quarter, author, template=copy)
    changes = next(s for s in document_of(report).sections if s.title == "What has changed").printed
    assert [p.text for p in changes] == [
        "Services raised 2 new worries in Q3 2011/12, and 0 carried from earlier quarters. 1 worry raised in "
        "Q2 2011/12 was resolved.",
        "Since Q2 2011/12, 1 measure changed status: Attendance (Education Standards) from green to red.",
    ]


def test_the_action_plan_block_gives_the_plans_state_at_the_quarters_end(org, report):
    state = report.paragraphs.get(source_key="action-plan-state")
    assert state.section == "further_development"
    assert state.text == (
        "Of the 1 action on the action plan at 31 December 2011, 0 are overdue, 0 at risk or off track, and 0 were "
        "completed in Q3 2011/12."
    )


@pytest.mark.parametrize(
    ("persona", "reads"), [("member", False), ("legal", False), ("clerk", True), ("strategy_officer", True)]
)
def test_a_whole_report_published_exempt_is_read_only_by_those_who_may_open_exempt_papers(
    client, org, quarter, author, copy, persona, reads
):
    templates.save_header_row(template=copy, by=org.strategy_officer, label="Exempt", value="exempt")
    report = start(org, quarter, author, template=copy)
    report.exempt_paragraph = ExemptParagraph.INDIVIDUAL
    report.save()
    version = publication.publish_now(report=through_clearance(org, report), by=org.clerk)
    assert version.exempt_paragraph == ExemptParagraph.INDIVIDUAL
    client.force_login(org.persona(persona))
    for file in version.files.all():
        url = reverse("reports:report_version_file", args=[report.pk, 1, file.kind])
        assert client.get(url).status_code == (200 if reads else 403), file.kind
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Not for publication" in page or "exempt from publication" in page
    if persona == "member":  # who reads only what is published: told it exists, and why not
        assert "The committee takes it in private" in page and "Issues emerging" not in page


def test_equality_and_risk_advisers_write_and_clear_the_sections_the_template_gives_them(org, quarter, author, copy):
    equality = UserFactory(username="grace", roles=[Role.EQUALITY_ADVISER])
    risk = UserFactory(username="joanne", roles=[Role.RISK_ADVISER])
    for title, writer in [("Equality implications", Writer.EQUALITY), ("Risk implications", Writer.RISK)]:
        templates.save_section(template=copy, by=org.strategy_officer, title=title, writer=writer, must_clear=True)
    report = start(org, quarter, author, template=copy)
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    report.refresh_from_db()
    with pytest.raises(PermissionDenied):
        reports.clear(report=report, by=equality, area="risk", comments="Not mine to clear.")
    for adviser, area in [(org.legal, "legal"), (org.finance, "finance"), (equality, "equality")]:
        reports.clear(report=report, by=adviser, area=area, comments=f"No {area} implications.")
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    report.refresh_from_db()
    assert report_permissions.clearance_missing(report) == ["risk clearance"]
    with pytest.raises(ValidationError, match="risk clearance"):
        reports.sign(report=report, by=author)
    reports.clear(report=report, by=risk, area="risk", comments="The red measures are on the risk registers.")
    reports.sign(report=report, by=author)
    version = publication.publish_now(report=report, by=org.clerk)
    assert (version.equality_cleared_by, version.risk_cleared_by) == (equality, risk)
    risk_section = copy.sections.get(writer=Writer.RISK)
    printed = next(s for s in document_of(report).sections if s.key == risk_section.key).printed
    assert [p.text for p in printed] == ["The red measures are on the risk registers."]


def test_a_named_set_of_measures_is_shown_in_the_order_given_and_an_unknown_title_is_refused(
    org, quarter, author, copy
):
    measures(org, quarter)
    titles = "Green 0 in Employment and Skills\nred 0 in education standards"
    section = templates.save_section(
        template=copy,
        by=org.strategy_officer,
        title="Our set",
        writer="strategy_unit",
        block=Block.KPI_TABLE,
        kpi_titles=titles,
    )
    report = start(org, quarter, author, template=copy)
    table = next(s for s in document_of(report).sections if s.key == section.key).block
    assert [row.measure.title for row, _ in table.rows] == [
        "Green 0 in Employment and Skills",
        "Red 0 in Education Standards",
    ]
    with pytest.raises(ValidationError) as error:
        templates.save_section(template=copy, by=org.strategy_officer, section=section, kpi_titles="Nothing like it")
    assert error.value.message_dict == {
        "kpi_titles": ["No measure is called “Nothing like it”. Copy the title from the scorecard"]
    }


def test_a_draft_with_paragraphs_not_placed_cannot_go_for_clearance_and_moving_back_places_them(
    org, quarter, author, copy
):
    report = start(org, quarter, author)
    shipped = report.template
    templates.remove(item=copy.sections.get(key="user_voice"), by=org.strategy_officer)
    reports.move_to_template(report=report, by=org.strategy_officer, template=copy)
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="not placed"):
        reports.submit_for_clearance(report=report, by=org.strategy_officer)
    assert reports.move_to_template(report=report, by=org.strategy_officer, template=shipped) == 0
    assert set(report.paragraphs.values_list("section", flat=True)) <= {s.key for s in shipped.sections.all()}
