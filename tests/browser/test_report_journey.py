"""The committee report in real Chromium, keyboard only, with axe-core on every page: the
Strategy Unit drafts the report from the quarter and edits a paragraph, legal and
finance clear it, the author signs, and the clerk publishes it, downloads the PDF and
records the committee's decision. A member then reads it."""

import io
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from perfmgmt.models import Quarter, User
from reviews.models import CommitteeReport
from reviews.reports import drafting
from reviews.reports import services as reports
from tests.browser.conftest import (
    assert_accessible,
    assert_accessible_at_any_width,
    choose_radio_with_keyboard,
    press,
    sign_in_as,
    sign_in_with_keyboard,
    sign_out,
    tab_to,
    type_into,
)

pytestmark = pytest.mark.browser

REPORTS = "a.govuk-service-navigation__link[href='/reports/']"


def replace_text(page, selector, text):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def open_report(page, committee="Scrutiny Management Panel"):
    press(page, REPORTS)
    assert_accessible(page)
    press(page, f"tr:has-text('{committee}') a")


def test_draft_edit_clear_sign_publish_download_and_decide(page, in_q3):
    sign_in_with_keyboard(page, "strategy.officer")
    press(page, REPORTS)
    assert_accessible(page)
    press(page, "a:text-is('Start a report for Q3 2011/12')")
    assert_accessible(page)
    replace_text(page, "#id_committee", "Scrutiny Management Panel")
    press(page, "main [type=submit]")  # no meeting date, no author yet
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the meeting date")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the author")
    assert_accessible(page)
    type_into(page, "#id_meeting_date", "20 3 2012")
    type_into(page, "#id_author", "Jon Bell")  # the select jumps to the option as you type
    press(page, "main [type=submit]")
    expect(page.locator(".govuk-tag").first).to_have_text("Draft")
    expect(page.locator("main")).to_contain_text("5.2 Tackling worklessness in younger people")
    expect(page.locator("main")).to_contain_text("Generated from: Worry from Employment and Skills")
    assert_accessible(page)

    press(page, "a:has-text('Change'):has(span:text-is(' paragraph 1.1'))")
    assert_accessible(page)
    replace_text(page, "#id_text", "A shorter summary for Cabinet.")
    press(page, "main [type=submit]")
    expect(page.locator("main")).to_contain_text("1.1 A shorter summary for Cabinet.")
    # Saving returns to the paragraph's section, below the clearance buttons.
    tab_to(page, "button:text-is('Send for clearance')", back=True)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Sent for clearance")
    assert_accessible(page)
    sign_out(page)

    for adviser, area, comments in [
        ("head.legal", "legal", "There are no legal implications."),
        ("head.finance", "finance", "There are no financial implications."),
    ]:
        sign_in_as(page, adviser)
        open_report(page)
        assert_accessible(page)
        press(page, f"a:text-is('Write {area} comments and clear')")
        assert_accessible(page)
        type_into(page, "#id_comments", comments)
        press(page, "main [type=submit]")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(f"{area} clearance is recorded")
        expect(page.locator("main")).to_contain_text(comments)
        sign_out(page)

    # The Strategy Unit confirms the equality impact assessment: never the author alone.
    report = CommitteeReport.objects.get(committee="Scrutiny Management Panel")
    sign_in_as(page, "strategy.officer")
    page.goto(f"/reports/{report.pk}/")
    press(page, "button:text-is('Confirm the equality impact assessment')")
    expect(page.locator("main")).to_contain_text("Confirmed by Priya Shah")
    sign_out(page)

    # The author is told by email and follows the link.
    sign_in_as(page, "jon.bell")
    page.goto(f"/reports/{report.pk}/")
    assert_accessible(page)
    expect(page.locator("main")).not_to_contain_text("Confirm the equality impact assessment")
    press(page, "button:text-is('Sign the report')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Signed")
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, "committee.clerk")
    open_report(page)
    press(page, "a:text-is('Publish the report')")
    assert_accessible(page)
    press(page, "main [type=submit]")
    # The files are made in the background; the clerk follows it on the publication's page.
    expect(page.locator(".govuk-panel")).to_contain_text("Version 1 published")
    assert_accessible(page)
    press(page, "a:text-is('Open the published report')")
    expect(page.locator("h2:text-is('Published versions')")).to_be_visible()
    tab_to(page, "a:has-text('Report (PDF)')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "performance-management-update-q3-2011-12.pdf"
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "1.1 A shorter summary for Cabinet." in text
    assert "There are no legal implications." in text

    press(page, 'a:text-is("Record the committee\'s decision")')
    assert_accessible(page)
    choose_radio_with_keyboard(page, "decision", "approved_as_amended")
    press(page, "main [type=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the amendments the committee made")
    assert_accessible(page)
    type_into(page, "#id_amendments", "Recommendation 3 removed.")
    press(page, "main [type=submit]")
    expect(page.locator("main")).to_contain_text("Approved as amended, 20 March 2012")
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, "councillor")
    open_report(page)
    expect(page.locator("main")).to_contain_text("Approved as amended")
    expect(page.locator("main")).not_to_contain_text("Legal clearance")
    expect(page.locator("h1")).to_contain_text("Performance Management Update")
    expect(page.locator("article")).to_contain_text("1.1 A shorter summary for Cabinet.")  # read in the page
    assert_accessible(page)


def test_the_published_demo_report_and_its_working_page_are_accessible(page, in_q3):
    sign_in_as(page, "strategy.officer")
    open_report(page, "Governance and Audit Committee")
    expect(page.locator("main")).to_contain_text("Approved, 9 March 2012")
    assert_accessible(page)
    press(page, "a:text-is('Read it as a web page')")
    expect(page.locator("main")).to_contain_text("5.12 Improving efficiency and effectiveness")
    assert_accessible(page)


def signed_report() -> CommitteeReport:
    """A Q3 report through clearance and signed, as the journey above leaves it."""
    people = {user.username: user for user in User.objects.all()}
    report = drafting.start_report(
        by=people["strategy.officer"],
        quarter=Quarter.objects.get(financial_year__start_year=2011, number=3),
        committee="Scrutiny Management Panel",
        meeting_date=date(2012, 3, 20),
        subject="Performance Management Update",
        report_by="Head of Audit and Performance Improvement",
        author=people["jon.bell"],
    )
    reports.submit_for_clearance(report=report, by=people["strategy.officer"])
    reports.clear(report=report, by=people["head.legal"], area="legal", comments="No legal implications.")
    reports.clear(report=report, by=people["head.finance"], area="finance", comments="No financial implications.")
    reports.confirm_equality_assessment(report=report, by=people["strategy.officer"])
    reports.sign(report=report, by=people["jon.bell"])
    return report


def test_the_clerk_follows_publishing_on_a_page_that_updates_itself_when_the_worker_is_done(page, in_q3, worker):
    report = signed_report()
    sign_in_with_keyboard(page, "committee.clerk")
    page.goto(f"/reports/{report.pk}/")
    press(page, "a:text-is('Publish the report')")
    press(page, "main [type=submit]")
    # No worker is running yet: the request returned at once and the page says so.
    expect(page.locator("h1")).to_contain_text("Publishing Performance Management Update")
    expect(page.get_by_role("status")).to_contain_text("The files will be made as soon as a worker is free")
    assert_accessible_at_any_width(page)
    page.evaluate("window.stillTheSamePage = true")

    worker()
    expect(page.locator(".govuk-panel")).to_contain_text("Version 1 published", timeout=90_000)
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded, not updated in place"
    assert_accessible(page)
    page.goto("/")
    expect(page.locator("main")).to_contain_text("Documents being made for you")
    expect(page.locator("main")).to_contain_text("Publishing Performance Management Update")
    assert_accessible(page)
