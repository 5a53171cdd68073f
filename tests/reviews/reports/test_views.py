"""Committee report pages: every view for every role, refused writes that change nothing,
errors next to the field, and query counts that do not grow with the report."""

import re
import uuid
from datetime import date, timedelta
from html import unescape

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from perfmgmt.models import Committee
from reviews import pdf
from reviews.models import (
    BackgroundDocument,
    CommitteeReport,
    PdfRender,
    ReportAppendix,
    ReportParagraph,
    ReportVersion,
    Section,
)
from reviews.reports import publication
from reviews.reports import services as reports
from tests.conftest import PERSONAS
from tests.factories import UserFactory
from tests.perfmgmt.test_versions import signed_in, the_later_save_is_told_and_loses_nothing
from tests.reviews.conftest import start

# These tests ask who may open which page; each distinct document is rendered once.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pdfs_once")]

READERS = {"strategy_officer", "director", "other_director", "legal", "finance", "clerk", "member"}
# Who can open a report's working page in each status (the author too, who is no persona).
SEEN = {
    "draft": {"strategy_officer", "director", "other_director"},
    "in_clearance": {"strategy_officer", "director", "other_director", "legal", "finance"},
    "signed": {"strategy_officer", "director", "other_director", "legal", "finance", "clerk"},
    "published": {"strategy_officer", "director", "other_director", "legal", "finance", "clerk"},
}
# Who may use each form, and in which statuses.
DRAFTING = {"strategy_officer": {"draft"}}
FORMS = {
    "report_details": DRAFTING,
    "paragraph_add": DRAFTING,
    "paragraph_edit": DRAFTING,
    "background_add": DRAFTING,
    "background_edit": DRAFTING,
    "appendix_add": DRAFTING,
    "appendix_edit": DRAFTING,
    "report_correct": {"strategy_officer": {"published"}},
    "report_return": {
        "strategy_officer": {"in_clearance", "signed"},
        "legal": {"in_clearance"},
        "finance": {"in_clearance"},
        "author": {"in_clearance"},
        "clerk": {"signed"},
    },
    "report_clear_legal": {"legal": {"in_clearance"}},
    "report_clear_finance": {"finance": {"in_clearance"}},
    "report_publish": {"clerk": {"signed"}},
    "report_decision": {"clerk": {"published"}},
}


def urls(report) -> dict[str, str]:
    paragraph = report.paragraphs.exclude(section__in=[Section.LEGAL, Section.FINANCE]).first()
    pk = report.pk
    return {
        "report_list": reverse("reports:report_list"),
        "report_detail": reverse("reports:report_detail", args=[pk]),
        "report_start": f"{reverse('reports:report_start')}?quarter={report.quarter_id}",
        "report_details": reverse("reports:report_details", args=[pk]),
        "paragraph_add": reverse("reports:paragraph_add", args=[pk, "context"]),
        "paragraph_edit": reverse("reports:paragraph_edit", args=[pk, paragraph.pk]),
        "background_add": reverse("reports:background_add", args=[pk]),
        "background_edit": reverse("reports:background_edit", args=[pk, report.background_documents.first().pk]),
        "appendix_add": reverse("reports:appendix_add", args=[pk]),
        "appendix_edit": reverse("reports:appendix_edit", args=[pk, report.appendices.first().pk]),
        "report_return": reverse("reports:report_return", args=[pk]),
        "report_correct": reverse("reports:report_correct", args=[pk]),
        "report_clear_legal": reverse("reports:report_clear", args=[pk, "legal"]),
        "report_clear_finance": reverse("reports:report_clear", args=[pk, "finance"]),
        "report_publish": reverse("reports:report_publish", args=[pk]),
        "report_decision": reverse("reports:report_decision", args=[pk]),
        "preview_html": reverse("reports:report_preview", args=[pk, "html"]),
        "preview_pdf": reverse("reports:report_preview", args=[pk, "pdf"]),
        "preview_docx": reverse("reports:report_preview", args=[pk, "docx"]),
        "version_html": reverse("reports:report_version_file", args=[pk, 1, "html"]),
        "version_pdf": reverse("reports:report_version_file", args=[pk, 1, "pdf"]),
        "version_pack": reverse("reports:report_version_file", args=[pk, 1, "pack"]),
    }


def expected(view: str, persona: str, status: str) -> int:
    seen = persona in SEEN[status]
    if view == "report_list":
        return 200 if persona in READERS else 403
    if view == "report_start":
        return 200 if persona == "strategy_officer" else 403
    if view == "report_detail":
        return 200 if seen or (persona == "member" and status == "published") else 404
    if view.startswith("version_"):
        return 200 if persona in READERS and status == "published" else 404
    if view.startswith("preview_"):
        return 200 if seen else 404
    if not seen:
        return 404
    return 200 if status in FORMS[view].get(persona, set()) else 403


def report_in(status: str, org, report):
    if status != "draft":
        reports.submit_for_clearance(report=report, by=org.strategy_officer)
    if status in {"signed", "published"}:
        through_clearance_rest(org, report)
    if status == "published":
        publication.publish_now(report=report, by=org.clerk)
    report.refresh_from_db()
    assert report.status == status
    return report


@pytest.mark.parametrize("status", list(SEEN))
@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous", "author"])
def test_permission_matrix_for_every_report_view_in_every_status(client, org, report, persona, status):
    report = report_in(status, org, report)
    user = report.author if persona == "author" else org.persona(persona)
    if user:
        client.force_login(user)
    for view, url in urls(report).items():
        response = client.get(url)
        if user is None:
            assert response.status_code == 302 and "/sign-in/" in response["Location"], view
        elif persona == "author":  # reads the working page and previews; signs, or returns the report
            reads = view in {"report_list", "report_detail", "preview_html", "preview_pdf", "preview_docx"}
            uses = status in FORMS.get(view, {}).get("author", set())
            if view.startswith("version_"):  # their own published report, whatever their role
                uses = status == "published"
            expected_status = 200 if reads or uses else 404 if view.startswith("version_") else 403
            assert response.status_code == expected_status, view
        else:
            assert response.status_code == expected(view, persona, status), (view, persona, response.status_code)


def test_a_member_sees_only_published_reports_and_only_their_files(client, org, published, quarter, author):
    draft = start(org, quarter, author, committee="Cabinet")
    client.force_login(org.member)
    page = client.get(reverse("reports:report_list")).content.decode()
    assert published.subject in page
    assert "Cabinet" not in page
    assert client.get(reverse("reports:report_detail", args=[draft.pk])).status_code == 404
    detail = client.get(reverse("reports:report_detail", args=[published.pk])).content.decode()
    assert "Version 1, published" in detail
    assert "Legal clearance" not in detail  # the internal trail stays internal
    assert reverse("reports:report_preview", args=[published.pk, "pdf"]) not in detail
    assert reverse("reports:report_version_file", args=[published.pk, 1, "pdf"]) in detail


def test_a_member_reads_the_published_report_with_its_appendices_and_decision_in_the_page(client, org, published):
    reports.record_decision(
        report=published, by=org.clerk, decision="approved", decided_on=date(2012, 3, 20), amendments=""
    )
    client.force_login(org.member)
    page = client.get(reverse("reports:report_detail", args=[published.pk])).content.decode()
    assert 'class="govuk-service-navigation__list"' in page  # the site's own navigation
    assert "Approved, 20 March 2012" in page
    article = page.split('<article class="app-published-report"')[1].split("</article>")[0]
    assert "1.1" in article and "Appendix A: Action plan" in article and "Present a paper on key actions" in article
    assert "<h1" not in article  # the page has its title; the file's is left out
    # Each wide table scrolls in one region of its own, named after what it holds.
    assert article.count('class="app-table-scroll"') == article.count("<table") > 1
    assert 'aria-label="Report details"><table class="app-report-header"' in article
    downloads = page.split(">Download<")[1].split("</ul>")[0]
    for kind in ("pdf", "docx", "pack"):
        assert reverse("reports:report_version_file", args=[published.pk, 1, kind]) in downloads
    assert "SHA-256" in page.split('class="govuk-details__text"')[1]  # checksums, out of the way


def test_a_report_is_started_for_a_committee_set_up_by_the_strategy_unit(client, org, quarter, author):
    Committee.objects.create(name="Cabinet")
    client.force_login(org.strategy_officer)
    url = f"{reverse('reports:report_start')}?quarter={quarter.pk}"
    page = client.get(url).content.decode()
    assert '<select name="committee"' in page and '<option value="Cabinet">Cabinet</option>' in page
    assert "Governance and Audit Committee" not in page  # not set up, so not offered
    form = {
        "committee": "Scrutiny Panel",
        "meeting_date": "9 3 2012",
        "subject": "Performance update",
        "report_by": "Head of Audit and Performance Improvement",
        "author": author.pk,
        "wards_affected": "N/A",
        "key_decision": "N/A",
    }
    refused = client.post(url, form).content.decode()
    assert "Choose one of the committees" in refused
    assert not CommitteeReport.objects.filter(subject="Performance update").exists()
    client.post(url, form | {"committee": "Cabinet"})
    assert CommitteeReport.objects.get(subject="Performance update").committee == "Cabinet"


def test_a_correction_being_drafted_is_not_shown_to_the_clerk_or_advisers(client, org, published):
    client.force_login(org.strategy_officer)
    client.post(reverse("reports:report_correct", args=[published.pk]), {"reason": "A typo in 5.2"})
    paragraph = published.paragraphs.get(section=Section.SUMMARY)
    client.post(
        reverse("reports:paragraph_edit", args=[published.pk, paragraph.pk]),
        {"heading": "", "text": "Not yet cleared."},
    )
    for persona in ("clerk", "legal", "finance"):
        client.force_login(org.persona(persona))
        for kind in ("html", "pdf"):
            assert client.get(reverse("reports:report_preview", args=[published.pk, kind])).status_code == 404
        page = client.get(reverse("reports:report_detail", args=[published.pk])).content.decode()
        assert "Not yet cleared." not in page  # they read the published version instead
        assert '<article class="app-published-report"' in page
    reports.submit_for_clearance(report=published, by=org.strategy_officer)
    client.force_login(org.legal)
    assert (
        "Not yet cleared."
        in client.get(reverse("reports:report_preview", args=[published.pk, "html"])).content.decode()
    )


def test_a_paragraph_added_twice_from_one_page_is_added_once(client, org, report):
    client.force_login(org.strategy_officer)
    url = reverse("reports:paragraph_add", args=[report.pk, "context"])
    data = {"heading": "", "text": "Added once.", "once": str(uuid.uuid4())}
    client.post(url, data)
    client.post(url, data)
    assert report.paragraphs.filter(text="Added once.").count() == 1


def test_two_officers_editing_one_paragraph_or_the_details_lose_nothing(org, report):
    other = UserFactory(username="second.officer", roles=["strategy_unit"])
    first, second = signed_in(org.strategy_officer, other)
    paragraph = report.paragraphs.filter(section=Section.SUMMARY).first()
    the_later_save_is_told_and_loses_nothing(
        first,
        second,
        reverse("reports:paragraph_edit", args=[report.pk, paragraph.pk]),
        "text",
        {"heading": "", "text": "Mine: the summary."},
        {"heading": "", "text": "Theirs: the summary."},
        lambda: ReportParagraph.objects.get(pk=paragraph.pk).text,
    )
    details = {name: getattr(report, name) for name in ("committee", "report_by", "wards_affected", "key_decision")}
    details |= {"meeting_date": "20 3 2012", "recommendations_intro": ""}
    the_later_save_is_told_and_loses_nothing(
        first,
        second,
        reverse("reports:report_details", args=[report.pk]),
        "subject",
        {"subject": "Mine: performance update", **details},
        {"subject": "Theirs: performance update", **details},
        lambda: CommitteeReport.objects.get(pk=report.pk).subject,
    )


def test_moving_a_paragraph_is_no_conflict_for_someone_editing_its_text(client, org, report):
    paragraph = report.paragraphs.filter(section=Section.ISSUES).order_by("position")[1]
    url = reverse("reports:paragraph_edit", args=[report.pk, paragraph.pk])
    client.force_login(org.strategy_officer)
    seen = re.search(r'name="seen" value="([0-9a-f]+)"', client.get(url).content.decode())[1]
    reports.move_paragraph(paragraph=paragraph, by=org.strategy_officer, up=True)
    assert client.post(url, {"heading": "", "text": "Edited while it moved.", "seen": seen}).status_code == 302
    assert ReportParagraph.objects.get(pk=paragraph.pk).text == "Edited while it moved."


def test_the_strategy_unit_starts_a_report_from_the_form_and_errors_sit_next_to_the_field(client, org, quarter, author):
    client.force_login(org.strategy_officer)
    url = f"{reverse('reports:report_start')}?quarter={quarter.pk}"
    form = {
        "committee": "Governance and Audit Committee",
        "meeting_date": "9 3 2012",
        "subject": "",
        "report_by": "Head of Audit and Performance Improvement",
        "author": author.pk,
        "wards_affected": "N/A",
        "key_decision": "N/A",
    }
    response = client.post(url, form)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<span id="id_subject_1_error" class="govuk-error-message">' in page  # next to the field
    assert page.count("Enter the subject of the report") == 2  # in the summary and next to the field
    assert not CommitteeReport.objects.exists()

    response = client.post(url, {**form, "subject": "Performance Management Update (Q3)"})
    report = CommitteeReport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:report_detail", args=[report.pk])
    assert report.paragraphs.filter(section=Section.ISSUES).count() == 5
    # A second report for the quarter does not start with a committee that already has one.
    page = client.get(url).content.decode()
    assert 'name="committee" value="Governance and Audit Committee"' not in page


def test_editing_a_paragraph_through_the_page(client, org, report):
    client.force_login(org.strategy_officer)
    paragraph = report.paragraphs.get(section=Section.SUMMARY)
    url = reverse("reports:paragraph_edit", args=[report.pk, paragraph.pk])
    response = client.post(url, {"heading": "", "text": "  "})
    assert response.status_code == 200 and "Enter the paragraph" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text.startswith("The Q3 2011/12 performance management update")

    response = client.post(url, {"heading": "", "text": "A new summary."})
    assert response.status_code == 302
    paragraph.refresh_from_db()
    assert paragraph.text == "A new summary."
    page = client.get(reverse("reports:report_preview", args=[report.pk, "html"])).content.decode()
    assert '<span class="app-report-number">1.1</span> A new summary.' in page


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "strategy_officer"])
def test_drafting_writes_are_refused_to_everyone_else_and_change_nothing(client, org, report, persona):
    client.force_login(org.persona(persona))
    paragraph = report.paragraphs.get(section=Section.SUMMARY)
    appendix = report.appendices.first()
    document = report.background_documents.first()
    pk = report.pk
    posts = {
        reverse("reports:report_details", args=[pk]): {"committee": "X", "meeting_date": "1 1 2012", "subject": "X"},
        reverse("reports:paragraph_edit", args=[pk, paragraph.pk]): {"text": "Hijacked"},
        reverse("reports:paragraph_add", args=[pk, "summary"]): {"text": "Extra"},
        reverse("reports:paragraph_move", args=[pk, paragraph.pk]): {"direction": "down"},
        reverse("reports:paragraph_include", args=[pk, paragraph.pk]): {"included": "no"},
        reverse("reports:background_add", args=[pk]): {"title": "X", "location": "Y"},
        reverse("reports:background_remove", args=[pk, document.pk]): {},
        reverse("reports:appendix_edit", args=[pk, appendix.pk]): {"exempt_paragraph": "1"},
        reverse("reports:appendix_remove", args=[pk, appendix.pk]): {},
        reverse("reports:report_refresh", args=[pk]): {},
        reverse("reports:appendix_add", args=[pk]): {"appendix": "action_plan:"},
        reverse("reports:report_submit", args=[pk]): {},
        reverse("reports:report_return", args=[pk]): {},
        reverse("reports:report_correct", args=[pk]): {"reason": "X"},
        reverse("reports:report_start") + f"?quarter={report.quarter_id}": {"committee": "Cabinet"},
    }
    before = (
        list(ReportParagraph.objects.values_list("pk", "text", "position", "included")),
        list(BackgroundDocument.objects.values_list("pk", "title")),
        list(ReportAppendix.objects.values_list("pk", "exempt_paragraph")),
        list(CommitteeReport.objects.values_list("pk", "status", "committee")),
    )
    seen = persona in SEEN["draft"]
    for url, data in posts.items():
        status = client.post(url, data).status_code
        assert status == (403 if seen or "/reports/start/" in url else 404), (url, status)
    after = (
        list(ReportParagraph.objects.values_list("pk", "text", "position", "included")),
        list(BackgroundDocument.objects.values_list("pk", "title")),
        list(ReportAppendix.objects.values_list("pk", "exempt_paragraph")),
        list(CommitteeReport.objects.values_list("pk", "status", "committee")),
    )
    assert after == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_clearance_publication_and_decision_steps_are_refused_to_the_wrong_people(client, org, report, persona):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    client.force_login(org.persona(persona))
    pk = report.pk
    legal = client.post(reverse("reports:report_clear", args=[pk, "legal"]), {"comments": "Cleared"})
    finance = client.post(reverse("reports:report_clear", args=[pk, "finance"]), {"comments": "Cleared"})
    sign = client.post(reverse("reports:report_sign", args=[pk]))
    report.refresh_from_db()
    assert (report.legal_cleared_at is not None) == (persona == "legal")
    assert (report.finance_cleared_at is not None) == (persona == "finance")
    seen = SEEN["in_clearance"]  # the clerk sees a report once it is signed
    assert legal.status_code == (302 if persona == "legal" else 403 if persona in seen else 404)
    assert finance.status_code == (302 if persona == "finance" else 403 if persona in seen else 404)
    assert sign.status_code == (403 if persona in SEEN["in_clearance"] else 404)
    assert report.signed_at is None  # only the author signs

    # Now fully cleared and signed by the author: only the clerk publishes and decides.
    through_clearance_rest(org, report)
    publish = client.post(reverse("reports:report_publish", args=[pk]), {"reason": ""})
    assert ReportVersion.objects.filter(report=report).exists() == (persona == "clerk")
    assert publish.status_code == (302 if persona == "clerk" else 403 if persona in SEEN["signed"] else 404)
    if persona != "clerk":
        publication.publish_now(report=report, by=org.clerk)
    decision = client.post(
        reverse("reports:report_decision", args=[pk]),
        {"decision": "approved", "decided_on": "9 3 2012", "amendments": ""},
    )
    report.refresh_from_db()
    assert (report.decision == "approved") == (persona == "clerk"), decision.status_code


def through_clearance_rest(org, report):
    report.refresh_from_db()
    if report.legal_cleared_at is None:
        reports.clear(report=report, by=org.legal, area="legal", comments="None.")
    if report.finance_cleared_at is None:
        reports.clear(report=report, by=org.finance, area="finance", comments="None.")
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    reports.sign(report=report, by=report.author)


def test_the_author_signs_from_the_page(client, org, report):
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    client.force_login(report.author)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Before you can sign, the report needs legal clearance, finance clearance" in page
    response = client.post(reverse("reports:report_sign", args=[report.pk]), follow=True)
    assert "still needs legal clearance" in response.content.decode()
    through_clearance_rest(org, report)
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.SIGNED


def test_the_working_page_and_the_preview_take_the_same_number_of_queries_however_long_the_report(
    client, org, published
):
    client.force_login(org.strategy_officer)
    pages = [
        reverse("reports:report_list"),
        reverse("reports:report_detail", args=[published.pk]),
        reverse("reports:report_preview", args=[published.pk, "html"]),
    ]

    def counts():
        result = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    reports.start_correction(report=published, by=org.strategy_officer, reason="More")
    small = counts()
    for index in range(15):
        ReportParagraph.objects.create(report=published, section=Section.CONTEXT, position=50 + index, text=f"P{index}")
        BackgroundDocument.objects.create(report=published, title=f"Doc {index}", location="Strategy Unit")
    reports.submit_for_clearance(report=published, by=org.strategy_officer)
    through_clearance_rest(org, published)
    publication.publish_now(report=published, by=org.clerk, reason="More paragraphs")
    reports.start_correction(report=published, by=org.strategy_officer, reason="Yet more")
    start(org, published.quarter, published.author, committee="Cabinet")  # and another report in the list
    assert counts() == small


def test_a_step_the_status_does_not_allow_says_so(client, org, published):
    client.force_login(org.clerk)
    response = client.get(reverse("reports:report_publish", args=[published.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "This cannot be done while the report is “published”. Nothing has been changed." in page
    assert "Your account does not allow you" not in page


def test_an_adviser_returns_the_report_with_a_reason_and_the_strategy_unit_is_told(
    client, org, report, django_capture_on_commit_callbacks
):
    org.strategy_officer.email = "priya@example.org"
    org.strategy_officer.save()
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    reports.clear(report=report, by=org.finance, area="finance", comments="None.")
    client.force_login(org.legal)
    url = reverse("reports:report_return", args=[report.pk])
    response = client.post(url, {"reason": ""})
    assert "Say what needs to change" in response.content.decode()
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.IN_CLEARANCE
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Paragraph 5.2 needs legal wording."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.DRAFT and report.submitted_at is None
    assert report.finance_cleared_at is None  # every clearance is needed again
    assert "Paragraph 5.2 needs legal wording." in report.returned_reason
    assert {"priya@example.org", "jon@example.org"} <= set(mail.outbox[-1].to)
    assert home_tasks(client, org.strategy_officer) == [(f"/reports/{report.pk}/", "Returned for changes")]
    client.force_login(org.strategy_officer)
    assert (
        "Paragraph 5.2 needs legal wording."
        in client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    )


def test_a_removed_appendix_can_be_added_back(client, org, report):
    client.force_login(org.strategy_officer)
    action_plan = report.appendices.get(kind="action_plan")
    client.post(reverse("reports:appendix_remove", args=[report.pk, action_plan.pk]))
    assert not report.appendices.filter(kind="action_plan").exists()
    page = client.get(reverse("reports:appendix_add", args=[report.pk])).content.decode()
    assert "Action plan, Q3 2011/12" in page and "Annex: Children and young people" not in page
    response = client.post(reverse("reports:appendix_add", args=[report.pk]), {"appendix": "action_plan:"})
    assert response.status_code == 302
    assert [a.kind for a in report.appendices.all()] == ["annex", "action_plan"]
    response = client.post(reverse("reports:appendix_add", args=[report.pk]), {"appendix": "action_plan:"})
    assert "Choose an appendix from the list" in response.content.decode()
    assert report.appendices.count() == 2


def test_meeting_dates_outside_the_reporting_window_are_refused_next_to_the_field(client, org, report):
    client.force_login(org.strategy_officer)
    data = {
        "committee": report.committee,
        "meeting_date": "1 1 2100",
        "subject": report.subject,
        "report_by": report.report_by,
        "wards_affected": "N/A",
        "key_decision": "N/A",
        "recommendations_intro": "",
    }
    response = client.post(reverse("reports:report_details", args=[report.pk]), data)
    assert "The meeting date must be between 1 October 2011 and 31 December 2012" in response.content.decode()
    response = client.post(
        reverse("reports:report_details", args=[report.pk]), {**data, "meeting_date": "20 March 2012"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert f"{report.meeting_date:%-d %B %Y}" == "20 March 2012"


def home_tasks(client, user) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    if "Committee reports waiting for you" not in page:
        return []
    section = page.split("Committee reports waiting for you")[1].split("</ul>")[0]
    return [
        (url, unescape(text))
        for url, text in re.findall(
            r'<a class="govuk-link govuk-task-list__link" href="([^"]+)"[^>]*>([^<]+)</a>', section
        )
    ]


def test_the_home_page_tells_each_person_when_the_next_step_is_theirs(client, org, report):
    pk = report.pk
    assert home_tasks(client, org.strategy_officer) == [(f"/reports/{pk}/", "Finish drafting and send for clearance")]
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    assert home_tasks(client, org.legal) == [(f"/reports/{pk}/clear/legal/", "Write legal comments and clear")]
    assert home_tasks(client, org.finance) == [(f"/reports/{pk}/clear/finance/", "Write finance comments and clear")]
    assert home_tasks(client, report.author) == []
    reports.clear(report=report, by=org.legal, area="legal", comments="None.")
    reports.clear(report=report, by=org.finance, area="finance", comments="None.")
    assert home_tasks(client, org.legal) == []
    assert home_tasks(client, report.author) == []  # the Strategy Unit confirms the assessment first
    assert (f"/reports/{pk}/", "Confirm the equality impact assessment") in home_tasks(client, org.strategy_officer)
    reports.confirm_equality_assessment(report=report, by=org.strategy_officer)
    assert home_tasks(client, report.author) == [(f"/reports/{pk}/", "Sign the report")]
    assert home_tasks(client, org.clerk) == []
    reports.sign(report=report, by=report.author)
    assert home_tasks(client, org.clerk) == [(f"/reports/{pk}/publish/", "Publish the report")]
    publication.publish_now(report=report, by=org.clerk)
    assert home_tasks(client, org.clerk) == [(f"/reports/{pk}/decision/", "Record the committee's decision")]
    for persona in ("member", "head", "director", "contributor", "administrator"):
        assert home_tasks(client, org.persona(persona)) == [], persona


def test_a_signed_report_is_returned_only_by_the_strategy_unit_or_the_clerk_and_everyone_is_told(
    client, org, report, django_capture_on_commit_callbacks
):
    for user in (org.legal, org.finance, org.clerk):
        user.email = f"{user.username}@example.org"
        user.save()
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    through_clearance_rest(org, report)
    url = reverse("reports:report_return", args=[report.pk])
    for persona in ("legal", "finance"):
        client.force_login(org.persona(persona))
        assert client.post(url, {"reason": "Too late"}).status_code == 403
    client.force_login(report.author)
    assert client.post(url, {"reason": "Too late"}).status_code == 403
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.SIGNED and report.signed_at is not None

    client.force_login(org.strategy_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": ""}).status_code == 302  # the Strategy Unit need not say why
    report.refresh_from_db()
    assert report.status == CommitteeReport.Status.DRAFT and report.signed_at is None
    assert {"elaine@example.org", "simon@example.org", "tom@example.org", "jon@example.org"} <= set(mail.outbox[-1].to)
    reports.submit_for_clearance(report=report, by=org.strategy_officer)
    report.refresh_from_db()
    assert report.returned_reason == ""


def test_a_correction_started_by_mistake_can_be_dropped_until_something_changes(client, org, published):
    url = reverse("reports:report_cancel_correction", args=[published.pk])
    client.force_login(org.strategy_officer)
    client.post(reverse("reports:report_correct", args=[published.pk]), {"reason": "Started by mistake"})
    client.force_login(org.clerk)
    assert client.post(url).status_code == 404  # a correction being drafted is not the clerk's to see
    client.force_login(org.strategy_officer)
    response = client.post(url, follow=True)
    assert "Correction dropped" in response.content.decode()
    published.refresh_from_db()
    assert published.status == CommitteeReport.Status.PUBLISHED and published.submitted_at is not None

    client.post(reverse("reports:report_correct", args=[published.pk]), {"reason": "A real typo"})
    paragraph = published.paragraphs.get(section=Section.SUMMARY)
    client.post(reverse("reports:paragraph_edit", args=[published.pk, paragraph.pk]), {"heading": "", "text": "Fixed."})
    response = client.post(url, follow=True)
    assert "already changed the report, so it cannot be dropped" in response.content.decode()
    published.refresh_from_db()
    assert published.status == CommitteeReport.Status.CORRECTING
    assert home_tasks(client, org.strategy_officer) == [
        (f"/reports/{published.pk}/", "Finish the correction and send it for clearance")
    ]
    reports.submit_for_clearance(report=published, by=org.strategy_officer)
    assert client.post(url).status_code == 403  # in clearance: too late to drop
    through_clearance_rest(org, published)
    assert home_tasks(client, org.clerk) == [(f"/reports/{published.pk}/publish/", "Publish the correction")]


def test_one_person_makes_only_a_few_pdfs_at_once(client, org, report):
    client.force_login(org.strategy_officer)
    url = reverse("reports:report_preview", args=[report.pk, "pdf"])
    for _ in range(pdf.MAX_AT_ONCE):
        PdfRender.objects.create(user=org.strategy_officer)  # documents still being made
    refused = client.get(url, follow=True)
    assert "You already have 2 documents being made" in refused.content.decode()
    client.force_login(org.director)
    assert client.get(url)["Content-Type"] == "application/pdf"  # others are not held up
    assert PdfRender.objects.filter(user=org.director).count() == 0  # its slot is given back

    # A render whose worker died stops counting after a while.
    PdfRender.objects.update(started_at=timezone.now() - pdf.FORGOTTEN_AFTER - timedelta(seconds=1))
    client.force_login(org.strategy_officer)
    assert client.get(url)["Content-Type"] == "application/pdf"
