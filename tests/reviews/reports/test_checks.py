"""Nothing stale or draft reaches the committee unnoticed: paragraphs carried from the
previous report are marked until edited or confirmed, and hold up clearance meanwhile; a
paragraph that names another quarter or year than the report's is flagged on the working
page and when the report goes for clearance; previews say DRAFT, published files do not."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from perfmgmt.models import Quarter
from reviews.models import ReportFile, Section
from reviews.reports import publication
from reviews.reports import selectors as report_selectors
from reviews.reports import services as reports
from reviews.reports.selectors import other_periods
from tests.reviews.conftest import start, through_clearance

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(org, report, author, quarter):
    next_quarter = Quarter.objects.create(financial_year=quarter.financial_year, number=4, status=Quarter.Status.OPEN)
    later = start(org, next_quarter, author, from_previous=True)
    return later


def test_carried_paragraphs_are_marked_until_edited_or_confirmed_and_hold_up_clearance(client, org, later):
    carried = list(later.paragraphs.exclude(carried_from=""))
    assert carried and {p.carried_from for p in carried} == {"Q3 2011/12"}
    client.force_login(org.strategy_officer)
    page = client.get(reverse("reports:report_detail", args=[later.pk])).content.decode()
    assert page.count("Carried from Q3 2011/12: check it still applies.") == len(carried)

    with pytest.raises(ValidationError, match=f"edit or confirm the {len(carried)} paragraphs carried"):
        reports.submit_for_clearance(report=later, by=org.strategy_officer)
    first, *rest = carried
    reports.save_paragraph(
        report=later, by=org.strategy_officer, section=first.section, heading="", text="New words.", paragraph=first
    )
    for paragraph in rest:
        client.post(reverse("reports:paragraph_confirm", args=[later.pk, paragraph.pk]))
    assert not later.paragraphs.exclude(carried_from="").exists()
    reports.submit_for_clearance(report=later, by=org.strategy_officer)


def test_a_paragraph_naming_another_quarter_or_year_is_flagged(client, org, report):
    assert other_periods(report, "Up on Q2 2011/12 and on 2010/11; the 2011/12 plan; Quarter 3 2011-2012") == [
        "Q2 2011/12",
        "2010/11",
    ]
    summary = report.paragraphs.get(section=Section.SUMMARY)
    reports.save_paragraph(
        report=report,
        by=org.strategy_officer,
        section=Section.SUMMARY,
        heading="",
        text="Compared with Q2 2011/12, performance held up.",
        paragraph=summary,
    )
    client.force_login(org.strategy_officer)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Names Q2 2011/12, not Q3 2011/12: check it is meant." in page
    response = client.post(reverse("reports:report_submit", args=[report.pk]), follow=True)
    assert "Before it is cleared, look again at paragraph 1.1: each is marked." in response.content.decode()


def test_previews_say_draft_and_published_files_do_not(client, org, report):
    client.force_login(org.strategy_officer)
    html = client.get(reverse("reports:report_preview", args=[report.pk, "html"])).content.decode()
    assert "DRAFT: not for publication" in html
    pdf = PdfReader(io.BytesIO(client.get(reverse("reports:report_preview", args=[report.pk, "pdf"])).content))
    assert all("DRAFT: not for publication" in page.extract_text() for page in pdf.pages)
    word = Document(io.BytesIO(client.get(reverse("reports:report_preview", args=[report.pk, "docx"])).content))
    assert word.paragraphs[0].text == "DRAFT: not for publication"

    version = publication.publish_now(report=through_clearance(org, report), by=org.clerk)
    for kind in (ReportFile.Kind.HTML, ReportFile.Kind.PACK_HTML):
        assert b"DRAFT" not in bytes(version.files.get(kind=kind).content)
    published = PdfReader(io.BytesIO(bytes(version.files.get(kind=ReportFile.Kind.PDF).content)))
    assert not any("DRAFT" in page.extract_text() for page in published.pages)
    assert report_selectors.report_document(report).draft is False
