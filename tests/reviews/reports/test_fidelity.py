"""The demo's Q3 2011/12 report, generated from the demo quarter and published, read back
from its PDF and compared with the real committee report it is modelled on."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

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
