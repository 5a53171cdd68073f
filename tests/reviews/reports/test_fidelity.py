"""The demo's Q3 2011/12 reports, generated from the demo quarter and published, read back
from their PDFs: the Governance and Audit Committee's, compared with the real committee
report it is modelled on, and the Cabinet's, in the modern template the product ships
in its demo."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from perfmgmt.plans.selectors import council_scorecard
from perfmgmt.rag import Rag
from reviews.models import CommitteeReport, ReportFile
from tests.pdfs import pdfs_rendered_once

pytestmark = pytest.mark.django_db

# The real report (Governance and Audit Committee, 9 March 2012), as text.
REFERENCE = (Path(__file__).parent / "reference/performance-update-q3-2011-12.txt").read_text()
SECTION = re.compile(r"^(\d+)\. (\S.*)$", re.MULTILINE)
# Everything before the signature: the numbered sections.
PARAGRAPH = re.compile(r"^(?:- )?(\d+\.\d+) ", re.MULTILINE)
SPECIFIC = ["Tackling worklessness in younger people", "Active lifestyles", "Educational attainment"]
THEMATIC = [
    "Deployment of skills across the organisation",
    "Customer focus",
    "Evidence-basing",
    "Improving efficiency and effectiveness",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with pdfs_rendered_once():
            call_command("load_demo", password="demo-password-for-fidelity", force=True)
        report = CommitteeReport.objects.get(committee="Governance and Audit Committee", quarter__number=3)
        content = bytes(ReportFile.objects.get(version__report=report, version__number=1, kind="pdf").content)
        yield report, content
        call_command("flush", interactive=False)


def body_text(page) -> str:
    """A page's text, line by line, without its running header and footer (in the page
    margins: 22 mm at the top and 20 mm at the bottom in print.css), so that paragraphs
    read on across pages."""
    height = float(page.mediabox.height)
    lines: dict[int, list[tuple[float, str]]] = {}

    def keep(text, cm, tm, font, size):
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        if text.strip("\n") and 20 * 72 / 25.4 < y < height - 22 * 72 / 25.4:
            lines.setdefault(round(y), []).append((x, text.strip("\n")))

    page.extract_text(visitor_text=keep)
    return "\n".join("".join(text for _, text in sorted(lines[y])).strip() for y in sorted(lines, reverse=True))


@pytest.fixture
def text(demo):
    return "\n".join(body_text(page) for page in PdfReader(io.BytesIO(demo[1])).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def sections(text: str) -> list[tuple[str, str]]:
    return SECTION.findall(text.split("Signed by: Jon Bell")[0])


def test_the_reference_is_what_we_think_it_is():
    assert len(sections(REFERENCE)) == 10
    assert "Educational attainment" in REFERENCE


def test_every_section_is_there_in_the_reference_order_with_its_number(text):
    ours, reference = sections(text), sections(REFERENCE)
    assert [number for number, _ in ours] == [number for number, _ in reference]
    for (_, title), (_, reference_title) in zip(ours, reference, strict=True):
        # "Issues emerging" is the reference's "Issues emerging from the new model".
        assert reference_title.lower().startswith(title.lower()), (title, reference_title)


def test_the_paragraph_numbers_are_the_references(text):
    assert PARAGRAPH.findall(text) == PARAGRAPH.findall(REFERENCE)
    assert re.findall(r"^(\d\)) ", text, re.MULTILINE) == ["1)", "2)", "3)"]


def test_the_header_fields(text):
    header = flat(text.split("1. Summary")[0])
    assert "Decision maker: Governance and Audit Committee, 9 March 2012" in header
    assert (
        "Subject: Performance Management Update (Quarter 3 2011-2012) - corporate performance in the transforming "
        "organisation" in header
    )
    assert "Report by: Head of Audit and Performance Improvement" in header
    assert "Wards affected: N/A" in header
    assert "Key decision (over £250k): N/A" in header


def test_the_specific_then_the_thematic_issues_in_the_reference_order(text):
    body = flat(text)
    positions = [body.index(heading) for heading in [*SPECIFIC, "Children's social care", *THEMATIC]]
    assert positions == sorted(positions)
    for number, heading in [("5.2", SPECIFIC[0]), ("5.4", SPECIFIC[1]), ("5.5", SPECIFIC[2])]:
        assert f"{number} {heading} –" in body
    assert "5.7 Children's social care –" in body
    for number, heading in zip(["5.9", "5.10", "5.11", "5.12"], THEMATIC, strict=True):
        assert f"{number} {heading} –" in body
    assert body.index("5.8 Alongside these specific performance issues") < body.index("5.9")


def test_the_signature_background_documents_and_decision_block(text):
    body = flat(text)
    assert "Signed by: Jon Bell, Head of Audit and Performance Improvement" in body
    background = body.split("Background list of documents: Section 100D of the Local Government Act 1972")[1]
    assert "relied upon to a material extent by the author" in background
    assert "Title of document Location 1. reports to, and minutes of, SDB meetings Strategy Unit" in background
    assert (
        "The recommendation(s) set out above were approved/ approved as amended/ deferred/ rejected by Governance "
        "and Audit Committee on 9 March 2012." in background
    )
    assert background.rstrip().endswith("Signed by:")


def test_the_demo_report_was_cleared_signed_published_and_decided(demo):
    report, _ = demo
    assert report.status == CommitteeReport.Status.PUBLISHED
    assert report.legal_cleared_by.username == "head.legal"
    assert report.finance_cleared_by.username == "head.finance"
    assert report.author.username == "jon.bell" and report.signed_at is not None
    assert report.versions.get().published_by.username == "committee.clerk"
    assert report.get_decision_display() == "Approved" and f"{report.decision_date:%-d %B %Y}" == "9 March 2012"


# The second demo report: Q3 2011/12 to the Cabinet, in the modern template --------------------------------


@pytest.fixture
def cabinet(demo):
    report = CommitteeReport.objects.get(committee="Cabinet", quarter__number=3)
    files = {f.kind: bytes(f.content) for f in ReportFile.objects.filter(version__report=report, version__number=1)}
    pdf = "\n".join(body_text(page) for page in PdfReader(io.BytesIO(files["pdf"])).pages)
    pack = "\n".join(body_text(page) for page in PdfReader(io.BytesIO(files["pack"])).pages)
    return report, pdf, pack


def test_the_cabinet_report_carries_its_templates_header_rows_in_order(cabinet):
    report, text, _ = cabinet
    labels = [row.label for row in report.template.header_rows.all()]
    assert labels == [
        "Report to",
        "Date of meeting",
        "Subject",
        "Report by",
        "Cabinet member",
        "Contact officer",
        "Wards affected",
        "Key decision (over £500k)",
        "Exempt information",
    ]
    header = flat(text.split("1. Purpose of the report")[0])
    positions = [header.index(f"{label}:") for label in labels]
    assert positions == sorted(positions)
    assert "Cabinet member: Cabinet Member for Resources" in header
    assert "Exempt information: No: the report is open to the public" in header


def test_the_cabinet_report_has_its_sections_in_order_and_roman_recommendations(cabinet):
    report, text, _ = cabinet
    assert sections(text.split("Signed by: Jon Bell")[0] + "Signed by: Jon Bell") == [
        (str(number), section.title) for number, section in enumerate(report.template.sections.all(), start=1)
    ]
    assert [title for _, title in sections(text)][3:7] == [
        "Performance summary",
        "Exceptions",
        "Financial implications",
        "Legal implications",
    ]
    recommendations = flat(text.split("2. Recommendations")[1].split("3. Reasons")[0])
    assert recommendations.startswith("RECOMMENDED that the Cabinet: (i) Note the performance summary")
    assert "(ii) Note the exceptions" in recommendations
    assert "1.1 To report the council's performance" in flat(text)


def test_the_cabinet_reports_exceptions_and_scorecard_hold_the_quarters_figures(cabinet):
    report, text, pack = cabinet
    scorecard = council_scorecard(report.quarter)
    exceptions = flat(text.split("5. Exceptions")[1].split("6. Financial implications")[0])
    wanted = [row for row in scorecard if row.rag in (Rag.RED, Rag.AMBER)]
    assert len(re.findall(r"\b5\.\d+ ", exceptions)) == len(wanted)
    for number, row in enumerate(wanted, start=1):
        assert f"5.{number} {row.measure.title} – {row.rag.label}: {row.actual} against a target of {row.target}." in (
            exceptions
        )
    red = sum(1 for row in scorecard if row.rag == Rag.RED)
    assert f"Of the {len(scorecard)} measures in the service business plans for Q3 2011/12, {red} are red" in flat(text)
    appendix = flat(pack.split("Appendix 1: Scorecard of measures, Q3 2011/12")[-1])
    for row in scorecard:
        assert row.actual in appendix and row.rag.label in appendix
    assert "Appendix 1: Scorecard of measures, Q3 2011/12" in flat(text)  # numbered 1, 2 by the template


def test_the_cabinet_report_was_cleared_by_each_adviser_and_published(cabinet):
    report, text, _ = cabinet
    assert report.status == CommitteeReport.Status.PUBLISHED and report.versions.count() == 1
    version = report.versions.get()
    cleared = [
        version.legal_cleared_by,
        version.finance_cleared_by,
        version.equality_cleared_by,
        version.risk_cleared_by,
    ]
    assert [user.username for user in cleared] == ["head.legal", "head.finance", "equality.lead", "risk.contributor"]
    assert "8.1 This report is for information." in flat(text) and "9.1 The measures that are red" in flat(text)
    assert "6.1 There are no financial implications" in flat(text)
    assert "7.1 There are no legal implications arising directly from this report." in flat(text)
