"""Committee reports: assembled from the quarter, edited, cleared in order, signed,
published as frozen files (HTML, tagged PDF, Word, committee pack), corrected as a new
version, and decided; and who may do each of those things."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape
from docx import Document
from pypdf import PdfReader

from perfmgmt.models import Quarter
from perfmgmt.roles import Role
from reviews import pdf
from reviews.board import services
from reviews.models import CommitteeReport, ReportFile, ReportVersion, Section, Theme
from reviews.reports import drafting, publication
from reviews.reports import files as report_files
from reviews.reports import selectors as report_selectors
from reviews.reports import services as reports
from tests.conftest import PERSONAS
from tests.factories import UserFactory
from tests.reviews.conftest import start, through_clearance

pytestmark = pytest.mark.django_db


def printed(report, section):
    document = report_selectors.report_document(report)
    return next(s for s in document.sections if s.key == section).printed


# Assembly ------------------------------------------------------------------------------------------


def test_starting_a_report_fills_it_from_the_quarter_and_says_where_each_paragraph_came_from(report):
    issues = printed(report, Section.ISSUES)
    assert [(p.number, p.heading) for p in issues] == [
        ("5.1", ""),
        ("5.2", "Educational attainment"),
        ("5.3", ""),
        ("5.4", "Evidence-basing"),
        ("5.5", ""),
    ]
    assert issues[0].text == "Specific performance issues raised so far include:"
    assert "148th of 152" in issues[1].text and "A fresh analysis is nearing completion." in issues[1].text
    assert "Agreed actions: Present a paper on key actions." in issues[1].text
    assert "Education Standards" in issues[1].paragraph.source
    assert issues[3].paragraph.source.startswith("Theme “Evidence-basing”")
    assert "21 February 2012" in issues[4].text and "Governance and Audit Committee" in issues[4].text

    context = printed(report, Section.CONTEXT)
    assert context[0].text == "So far, directorate reports have been received from: Children and young people."
    assert "The Board agreed 1 action in Q3 2011/12" in printed(report, Section.FURTHER_DEVELOPMENT)[0].text
    assert printed(report, Section.USER_VOICE)[0].heading == "Learning from helpdesk calls"
    assert [p.number for p in printed(report, Section.RECOMMENDATIONS)] == ["1)", "2)"]
    assert printed(report, Section.LEGAL) == [] and printed(report, Section.FINANCE) == []

    document = report_selectors.report_document(report)
    assert [b.title for b in document.background_documents] == [
        "Record of the Strategic Directors Board session with the Children and young people grouping, 7 February 2012",
        "Annex for the Children and young people session, Q3 2011/12",
    ]
    assert [(a.letter, a.title) for a in document.appendices] == [
        ("A", "Action plan, Q3 2011/12"),
        ("B", "Annex: Children and young people, 7 February 2012"),
    ]


def test_a_report_can_start_from_the_previous_quarters_narrative(org, report, author, quarter):
    summary = printed(report, Section.SUMMARY)[0].paragraph
    reports.save_paragraph(
        report=report,
        by=org.strategy_officer,
        section=Section.SUMMARY,
        heading="",
        text="Our own summary.",
        paragraph=summary,
    )
    next_quarter = Quarter.objects.create(financial_year=quarter.financial_year, number=4, status=Quarter.Status.OPEN)
    later = start(org, next_quarter, author, from_previous=True)
    assert [p.text for p in printed(later, Section.SUMMARY)] == ["Our own summary."]
    # Generated paragraphs come from the new quarter (which has no Board sessions yet).
    assert printed(later, Section.ISSUES) == []


def test_starting_from_a_previous_report_that_does_not_exist_is_refused_next_to_the_field(org, quarter, author):
    with pytest.raises(ValidationError) as error:
        start(org, quarter, author, from_previous=True)
    assert "from_previous" in error.value.message_dict
    assert not CommitteeReport.objects.exists()


def test_one_report_per_committee_and_quarter_whatever_the_capitals(org, report, quarter, author):
    with pytest.raises(ValidationError) as error:
        start(org, quarter, author, committee="governance and audit committee")
    assert "already a report" in error.value.message_dict["committee"][0]
    # The database says so too, for two submits at the same moment.
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeReport.objects.create(
            quarter=quarter,
            committee="GOVERNANCE AND AUDIT COMMITTEE",
            meeting_date=date(2012, 3, 9),
            subject="Twice",
            report_by="Head of Audit",
            author=author,
            created_by=org.strategy_officer,
        )


@pytest.mark.parametrize("persona", ["member", "clerk", "legal", "contributor"])
def test_the_author_is_an_officer_never_someone_who_must_not_see_drafts(org, quarter, persona):
    with pytest.raises(ValidationError) as error:
        start(org, quarter, org.persona(persona))
    assert "author" in error.value.message_dict
    assert not CommitteeReport.objects.exists()


# Editing ---------------------------------------------------------------------------------------------


def test_generated_paragraphs_can_be_edited_moved_and_left_out_and_numbers_follow(org, report):
    officer = org.strategy_officer
    first, second = (p.paragraph for p in printed(report, Section.ISSUES)[1:3])
    reports.save_paragraph(
        report=report,
        by=officer,
        section=Section.ISSUES,
        heading="Educational attainment",
        text="Rewritten.",
        paragraph=first,
    )
    first.refresh_from_db()
    assert first.edited and first.source  # still says where it came from

    reports.move_paragraph(paragraph=second, by=officer, up=True)
    assert [p.paragraph.pk for p in printed(report, Section.ISSUES)[1:3]] == [second.pk, first.pk]

    reports.include_paragraph(paragraph=second, by=officer, included=False)
    issues = printed(report, Section.ISSUES)
    assert [(p.number, p.text) for p in issues[:2]] == [("5.1", issues[0].text), ("5.2", "Rewritten.")]
    assert second.pk not in [p.paragraph.pk for p in issues]


def test_the_advisers_sections_are_not_the_strategy_units_to_write(org, report):
    with pytest.raises(ValidationError):
        reports.save_paragraph(report=report, by=org.strategy_officer, section=Section.LEGAL, heading="", text="x")
    assert not report.paragraphs.filter(section=Section.LEGAL).exists()


def test_a_report_in_clearance_cannot_be_edited(org, report):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    paragraph = report.paragraphs.first()
    with pytest.raises(ValidationError):
        reports.save_paragraph(
            report=report,
            by=org.strategy_officer,
            section=paragraph.section,
            heading="",
            text="Late change",
            paragraph=paragraph,
        )
    paragraph.refresh_from_db()
    assert paragraph.text != "Late change"


# Clearance order -------------------------------------------------------------------------------------


def test_clearance_happens_in_order_and_each_step_records_who_and_when(org, report):
    with pytest.raises(ValidationError):
        reports.clear(report=report, by=org.legal, area="legal", comments="Too early")
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    with pytest.raises(ValidationError, match="legal clearance, finance clearance"):
        reports.sign(report=report, by=report.author)
    with pytest.raises(PermissionDenied):
        reports.clear(report=report, by=org.finance, area="legal", comments="Not mine")
    reports.clear(report=report, by=org.legal, area="legal", comments="No legal implications.")
    reports.clear(report=report, by=org.finance, area="finance", comments="One.\n\nTwo.")
    with pytest.raises(ValidationError, match="equality impact assessment"):
        reports.sign(report=report, by=report.author)
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    with pytest.raises(PermissionDenied):
        reports.sign(report=report, by=org.strategy_officer)
    with pytest.raises(ValidationError):
        publication.publish_now(report=report, by=org.clerk)
    reports.sign(report=report, by=report.author)

    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.SIGNED
    assert (report.legal_cleared_by, report.finance_cleared_by, report.eia_confirmed_by) == (
        org.legal,
        org.finance,
        org.strategy_officer,
    )
    assert report.signed_at is not None
    assert [p.number for p in printed(report, Section.FINANCE)] == ["10.1", "10.2"]
    assert printed(report, Section.LEGAL)[0].text == "No legal implications."


def test_each_person_is_told_when_the_next_step_is_theirs(org, report, django_capture_on_commit_callbacks):
    for user in (org.legal, org.finance, org.clerk):
        user.email = f"{user.username}@example.org"
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        reports.submit_for_clearance(report=report, by=org.strategy_officer)
    assert sorted(mail.outbox[0].to) == ["elaine@example.org", "jon@example.org", "simon@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reports.clear(report=report, by=org.legal, area="legal", comments="None.")
        reports.clear(report=report, by=org.finance, area="finance", comments="None.")
        assert mail.outbox == []
        reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    assert [m.to for m in mail.outbox] == [["jon@example.org"]]
    assert f"/reports/{report.pk}/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        reports.sign(report=report, by=report.author)
    assert mail.outbox[-1].to == ["tom@example.org"]


def test_returning_to_draft_means_clearing_again(org, report):
    through_clearance(org, report)
    reports.return_to_draft(report=report, by=org.strategy_officer)
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.DRAFT
    assert report.legal_cleared_at is None and report.signed_at is None


# Publication -----------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def stored(report, kind, number=1) -> ReportFile:
    return ReportFile.objects.get(version__report=report, version__number=number, kind=kind)


def test_whoever_writes_the_report_neither_clears_it_nor_confirms_its_assessment(org, quarter):
    """One person held every role and authored, cleared, confirmed and signed one report."""
    everyone = UserFactory(
        username="does.everything",
        roles=[Role.STRATEGY_UNIT, Role.LEGAL_ADVISER, Role.FINANCE_ADVISER, Role.HEAD_OF_SERVICE],
    )
    report = start(org, quarter, everyone, committee="Cabinet")
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    for area in ("legal", "finance"):
        with pytest.raises(PermissionDenied, match=f"another {area} adviser must clear it"):
            reports.clear(report=report, by=everyone, area=area, comments="Fine.")
    with pytest.raises(PermissionDenied, match="not the report's author"):
        reports.confirm_equality_assessment(report=report, by=everyone)

    both = UserFactory(username="both.advisers", roles=[Role.LEGAL_ADVISER, Role.FINANCE_ADVISER])
    reports.clear(report=report, by=both, area="legal", comments="No legal implications.")
    with pytest.raises(PermissionDenied, match="gave its other clearance"):
        reports.clear(report=report, by=both, area="finance", comments="No financial implications.")
    reports.clear(report=report, by=org.finance, area="finance", comments="No financial implications.")
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    reports.sign(report=report, by=everyone)
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.SIGNED
    assert (
        len({report.author_id, report.legal_cleared_by_id, report.finance_cleared_by_id, report.eia_confirmed_by_id})
        == 4
    )


def test_publishing_stores_each_file_with_its_hash_and_the_clearance_trail_is_not_printed(org, published):
    files = {f.kind: f for f in ReportFile.objects.filter(version__report=published)}
    assert set(files) == {"html", "pdf", "docx", "pack", "pack_html"}  # no exempt appendix, so no second pack
    for file in files.values():
        assert file.sha256 == hashlib.sha256(bytes(file.content)).hexdigest()
        assert file.size == len(bytes(file.content))
    text = pdf_text(bytes(files["pdf"].content))
    assert "Signed by: Jon Bell, Head of Audit and Performance Improvement" in text
    for trail in ("Sent for clearance", "Legal clearance", "elaine", "Clearance"):
        assert trail not in text
    html = bytes(files["html"].content).decode()
    assert "Legal clearance" not in html and 'lang="en-GB"' in html


def test_published_files_do_not_change_when_the_data_does_and_the_served_bytes_match_the_hash(client, org, published):
    before = {f.kind: f.sha256 for f in ReportFile.objects.filter(version__report=published)}
    paragraph = printed(published, Section.ISSUES)[1].paragraph
    paragraph.text = "Changed behind the report's back"
    paragraph.save()
    Theme.objects.update(name="Renamed theme")

    client.force_login(org.member)
    for kind, sha in before.items():
        response = client.get(reverse("reports:report_version_file", args=[published.pk, 1, kind]))
        assert response.status_code == 200
        assert hashlib.sha256(response.content).hexdigest() == sha
    response = client.get(reverse("reports:report_version_file", args=[published.pk, 1, "pdf"]))
    assert response["Content-Disposition"] == 'attachment; filename="performance-management-update-q3-2011-12.pdf"'
    assert "Changed behind" not in pdf_text(response.content)


def test_a_correction_is_a_new_version_with_a_reason_and_the_old_one_stays_downloadable(client, org, published):
    officer = org.strategy_officer
    with pytest.raises(ValidationError):
        reports.start_correction(report=published, by=officer, reason=" ")
    reports.start_correction(report=published, by=officer, reason="Paragraph 5.2 named the wrong key stage.")
    published.refresh_from_db()
    assert published.legal_cleared_at is None and published.signed_at is None  # cleared and signed again
    paragraph = printed(published, Section.ISSUES)[1].paragraph
    reports.save_paragraph(
        report=published,
        by=officer,
        section=Section.ISSUES,
        heading=paragraph.heading,
        text="Corrected text.",
        paragraph=paragraph,
    )
    with pytest.raises(ValidationError, match="signed"):
        publication.publish_now(report=published, by=org.clerk, reason="Skipping clearance")
    with pytest.raises(ValidationError):
        reports.record_decision(report=published, by=org.clerk, decision="approved", decided_on=date(2012, 3, 9))
    through_clearance(org, published)
    with pytest.raises(ValidationError) as error:
        publication.publish_now(report=published, by=org.clerk, reason="")
    assert "reason" in error.value.message_dict
    version = publication.publish_now(report=published, by=org.clerk, reason="Key stage corrected")
    assert version.number == 2 and version.reason == "Key stage corrected"

    client.force_login(org.member)
    old = client.get(reverse("reports:report_version_file", args=[published.pk, 1, "pdf"]))
    new = client.get(reverse("reports:report_version_file", args=[published.pk, 2, "pdf"]))
    assert "Corrected text." not in pdf_text(old.content)
    assert "Corrected text." in pdf_text(new.content)
    assert "performance-management-update-q3-2011-12-version-2.pdf" in new["Content-Disposition"]
    assert ReportVersion.objects.filter(report=published).count() == 2


def test_the_pdf_is_tagged_a4_with_metadata_embedded_fonts_and_page_x_of_y(published, settings):
    reader = PdfReader(io.BytesIO(bytes(stored(published, "pdf").content)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Performance Management Update (Quarter 3 2011-2012)"
    assert reader.metadata.author == f"Head of Audit and Performance Improvement, {settings.COUNCIL_NAME}"
    assert reader.metadata.subject == "Report to the Governance and Audit Committee, 9 March 2012: Q3 2011/12"
    pages = reader.pages
    assert all(round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842 for page in pages)
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert settings.COUNCIL_NAME in text  # the running header
    for page in pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor


def test_the_pdf_html_and_word_file_have_the_same_numbered_paragraphs(published):
    document = report_selectors.report_document(published)
    numbers = [p.number for s in document.sections for p in s.printed]
    assert numbers[:3] == ["1.1", "2.1", "1)"]
    html = bytes(stored(published, "html").content).decode()
    text = pdf_text(bytes(stored(published, "pdf").content))
    word = Document(io.BytesIO(bytes(stored(published, "docx").content)))
    word_paragraphs = [p.text for p in word.paragraphs]
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:10] == [f"{s.number}. {s.title}" for s in document.sections]
    assert word.core_properties.title == published.subject and word.core_properties.language == "en-GB"
    for section in document.sections:
        assert f"{section.number}. {section.title}" in text
        for paragraph in section.printed:
            assert f'<span class="app-report-number">{paragraph.number}</span>' in html
            assert any(line.startswith(f"{paragraph.number} ") for line in word_paragraphs), paragraph.number
            assert f"{paragraph.number} " in text


# Exempt appendices and the committee pack -----------------------------------------------------------


def test_an_exempt_appendix_is_left_out_of_the_public_files_and_only_entitled_roles_open_it(client, org, report):
    annex = report.appendices.get(kind="annex")
    reports.save_appendix(appendix=annex, by=org.strategy_officer, exempt_paragraph=3)
    through_clearance(org, report)
    publication.publish_now(report=report, by=org.clerk)

    public_pack = pdf_text(bytes(stored(report, "pack").content))
    exempt_pack = pdf_text(bytes(stored(report, "exempt_pack").content))
    public_report = pdf_text(bytes(stored(report, "pdf").content))
    exemption = "exempt from publication under paragraph 3 of Part 1 of Schedule 12A"
    for text in (public_pack, public_report):
        assert "Appendix B: Annex: Children and young people" in text
        assert exemption in " ".join(text.split())
    assert "No notes yet." not in public_pack  # the annex's own content is not there
    assert "No notes yet." not in bytes(stored(report, "pack_html").content).decode()  # nor on the published page
    assert "No notes yet." in exempt_pack and "Not for publication" in exempt_pack

    url = reverse("reports:report_version_file", args=[report.pk, 1, "exempt_pack"])
    for persona in PERSONAS:
        user = org.persona(persona)
        client.force_login(user)
        status = client.get(url).status_code
        entitled = user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.COMMITTEE_CLERK)
        readers = entitled or user.has_role(Role.MEMBER, Role.LEGAL_ADVISER, Role.FINANCE_ADVISER)
        assert status == (200 if entitled else 403 if readers else 404), persona
        page = client.get(reverse("reports:report_detail", args=[report.pk]))
        if page.status_code == 200:
            assert (url in page.content.decode()) == entitled, persona


def bookmarks(reader: PdfReader) -> dict[str, int]:
    """Heading bookmarks (WeasyPrint makes one per heading) and their page numbers."""
    found = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.setdefault(item.title, reader.get_destination_page_number(item) + 1)

    walk(reader.outline)
    return found


def test_the_pack_has_a_contents_page_and_continuous_page_numbers(published):
    reader = PdfReader(io.BytesIO(bytes(stored(published, "pack").content)))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    starts = bookmarks(reader)
    summary = starts["1. Summary"]
    action_plan = starts["Appendix A: Action plan, Q3 2011/12"]
    annex = starts["Appendix B: Annex: Children and young people, 7 February 2012"]
    assert starts["Contents"] == 1
    assert 1 < summary < action_plan < annex <= total
    # The contents page gives the page each part starts on.
    contents = " ".join(reader.pages[0].extract_text().split())
    assert re.search(rf"The report[ .]+{summary}\b", contents), contents
    assert re.search(rf"Appendix A: Action plan, Q3 2011/12[ .]+{action_plan}\b", contents), contents
    assert re.search(rf"Appendix B: Annex: Children and young people, 7 February 2012[ .]+{annex}\b", contents)


# What the renderer may fetch, and how big a report may be ------------------------------------------


NASTY = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/shadow">',
    "http://127.0.0.1:8000/admin/",
    "@import url(https://example.com/x.css);",
    "<script>alert(1)</script>",
    '<a href="http://169.254.169.254/latest/meta-data/">metadata</a>',
]


@pytest.mark.parametrize("nasty", NASTY)
def test_user_text_in_a_report_is_text_and_makes_the_renderer_fetch_nothing(org, report, nasty):
    paragraph = printed(report, Section.SUMMARY)[0].paragraph
    reports.save_paragraph(
        report=report,
        by=org.strategy_officer,
        section=Section.SUMMARY,
        heading=nasty,
        text=f"Before {nasty} after",
        paragraph=paragraph,
    )
    fetcher = pdf.StaticFilesOnly()
    document = report_selectors.report_document(report)
    content = report_files.report_pdf(document, fetcher)
    assert fetcher.refused == []
    assert fetcher.served == ["https://perfmgmt.invalid/static/css/print.css"]  # not the screen stylesheet
    squeezed = "".join(pdf_text(content).split())  # lines may break inside a long URL
    assert "".join(f"Before {nasty} after".split()) in squeezed
    html = report_files.report_html(document)
    assert f"Before {escape(nasty)} after" in html


# Decision -------------------------------------------------------------------------------------------


def test_the_clerk_records_the_decision_and_amendments_are_needed_when_amended(org, published):
    with pytest.raises(ValidationError) as error:
        reports.record_decision(
            report=published, by=org.clerk, decision="approved_as_amended", decided_on=date(2012, 3, 9)
        )
    assert "amendments" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        reports.record_decision(report=published, by=org.clerk, decision="approved", decided_on=date(2013, 1, 1))
    assert "future" in error.value.message_dict["decided_on"][0]
    with pytest.raises(ValidationError) as error:
        reports.record_decision(report=published, by=org.clerk, decision="approved", decided_on=date(2012, 3, 8))
    assert "before the meeting (9 March 2012)" in error.value.message_dict["decided_on"][0]
    with pytest.raises(PermissionDenied):
        reports.record_decision(
            report=published, by=org.strategy_officer, decision="approved", decided_on=date(2012, 3, 9)
        )
    reports.record_decision(
        report=published,
        by=org.clerk,
        decision="approved_as_amended",
        decided_on=date(2012, 3, 9),
        amendments="Add a recommendation on the user voice.",
    )
    published.refresh_from_db()
    assert published.get_decision_display() == "Approved as amended"
    assert published.decision_recorded_by == org.clerk
    # The published files are what the committee saw: recording the decision leaves them as they were.
    assert ReportVersion.objects.get(report=published).files.count() == 5


def test_the_decision_cannot_be_recorded_before_publication(org, report):
    through_clearance(org, report)
    with pytest.raises(ValidationError):
        reports.record_decision(report=report, by=org.clerk, decision="approved", decided_on=date(2012, 3, 9))


def test_control_characters_pasted_into_a_paragraph_do_not_break_the_word_file(org, report):
    paragraph = printed(report, Section.SUMMARY)[0].paragraph
    reports.save_paragraph(
        report=report,
        by=org.strategy_officer,
        section=Section.SUMMARY,
        heading="",
        text="Pasted\x0bfrom\x01Word",
        paragraph=paragraph,
    )
    word = Document(io.BytesIO(report_files.report_docx(report_selectors.report_document(report))))
    assert "1.1 PastedfromWord" in [p.text for p in word.paragraphs]


def test_the_advisers_paragraphs_cannot_be_moved_or_left_out_by_the_strategy_unit(org, report):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    reports.clear(report=report, by=org.legal, area="legal", comments="One.\n\nTwo.")
    reports.return_to_draft(report=report, by=org.strategy_officer)
    second = report.paragraphs.get(section=Section.LEGAL, text="Two.")
    with pytest.raises(ValidationError):
        reports.move_paragraph(paragraph=second, by=org.strategy_officer, up=True)
    with pytest.raises(ValidationError):
        reports.include_paragraph(paragraph=second, by=org.strategy_officer, included=False)
    assert [p.text for p in printed(report, Section.LEGAL)] == ["One.", "Two."]


def test_each_version_keeps_who_cleared_and_signed_it_and_a_dropped_correction_restores_them(org, published):
    first = published.versions.get()
    assert (
        first.submitted_by,
        first.legal_cleared_by,
        first.finance_cleared_by,
        first.eia_confirmed_by,
        first.signed_by,
    ) == (org.strategy_officer, org.legal, org.finance, org.strategy_officer, published.author)
    assert first.signed_at == published.signed_at and first.eia_confirmed_at == published.eia_confirmed_at
    reports.start_correction(report=published, by=org.strategy_officer, reason="A typo")
    published.refresh_from_db()
    assert published.legal_cleared_at is None
    reports.cancel_correction(report=published, by=org.strategy_officer)
    published.refresh_from_db()
    assert published.status == CommitteeReport.Status.PUBLISHED and published.correction_reason == ""
    for step in ("submitted", "legal_cleared", "finance_cleared", "eia_confirmed"):
        assert getattr(published, f"{step}_at") == getattr(first, f"{step}_at"), step
        assert getattr(published, f"{step}_by") == getattr(first, f"{step}_by"), step
    assert published.signed_at == first.signed_at
    assert published.versions.count() == 1


def test_the_default_words_before_the_recommendations_follow_a_change_of_committee(org, report):
    assert report.recommendations_intro == "The Governance and Audit Committee are asked to note and comment on:"
    details = {name: getattr(report, name) for name in reports.HEADER_FIELDS}
    reports.save_details(
        report=report,
        by=org.strategy_officer,
        recommendations_intro=report.recommendations_intro,
        **{**details, "committee": "Cabinet"},
    )
    report.refresh_from_db()
    assert report.recommendations_intro == "The Cabinet are asked to note and comment on:"
    reports.save_details(report=report, by=org.strategy_officer, recommendations_intro="Our own words:", **details)
    report.refresh_from_db()
    assert report.recommendations_intro == "Our own words:"


def test_refreshing_brings_generated_paragraphs_up_to_date_and_keeps_what_was_edited(org, report, quarter):
    officer = org.strategy_officer
    theme = Theme.objects.get(name="Evidence-basing")
    specific = next(p.paragraph for p in printed(report, Section.ISSUES) if p.heading == "Educational attainment")
    reports.save_paragraph(
        report=report,
        by=officer,
        section=Section.ISSUES,
        heading=specific.heading,
        text="Our own words.",
        paragraph=specific,
    )
    services.save_theme(
        by=officer,
        theme=theme,
        name=theme.name,
        description=theme.description,
        response="Pursued through the knowledge management workstream.",
        status=Theme.Status.RESPONDED,
    )
    voice = quarter.user_voice.get()
    services.save_user_voice(
        by=officer,
        quarter=quarter,
        source="survey",
        title="Resident survey",
        services=[],
        summary="Satisfaction fell.",
        key_figures="",
        changes="",
    )
    voice.delete()

    result = drafting.refresh_from_quarter(report=report, by=officer)

    assert (result.updated, result.added, result.left_out, result.kept) == (1, 1, 1, 1)
    issues = {p.heading: p.text for p in printed(report, Section.ISSUES)}
    assert issues["Educational attainment"] == "Our own words."
    assert issues["Evidence-basing"].endswith("Pursued through the knowledge management workstream.")
    assert [p.heading for p in printed(report, Section.USER_VOICE)] == ["Resident survey"]
    assert drafting.refresh_from_quarter(report=report, by=officer) == drafting.Refreshed(0, 0, 0, 1)


def test_a_correction_starts_only_from_a_published_report(org, report):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    with pytest.raises(ValidationError) as refused:
        reports.start_correction(report=report, by=org.strategy_officer, reason="Too early")
    assert refused.value.messages == ["Only a published report can be corrected."]
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.IN_CLEARANCE and report.correction_reason == ""
