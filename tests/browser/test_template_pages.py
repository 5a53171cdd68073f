"""Every page that report templates brought, in real Chromium with the demo as shipped:
axe-core finds nothing at desktop width or at 320 CSS pixels, and no page scrolls
sideways, empty and with its errors shown."""

import pytest
from playwright.sync_api import expect

from reviews.models import CommitteeReport, ReportTemplate
from reviews.reports import drafting
from tests.browser.conftest import assert_accessible_at_any_width, sign_in_as

pytestmark = pytest.mark.browser


def test_the_template_and_report_pages_are_accessible_at_any_width(page, in_q3):
    cabinet = ReportTemplate.objects.get(name="Quarterly performance report to Cabinet")
    section, row = cabinet.sections.get(block="exceptions"), cabinet.header_rows.first()
    sign_in_as(page, "strategy.officer")
    for url in [
        f"/report-templates/{cabinet.pk}/settings/",
        f"/report-templates/{cabinet.pk}/rows/{row.pk}/",
        f"/report-templates/{cabinet.pk}/rows/new/",
        f"/report-templates/{cabinet.pk}/sections/{section.pk}/",
        f"/history/report-templates/{cabinet.pk}/",
        f"/report-templates/{cabinet.pk}/preview.html?quarter={CommitteeReport.objects.first().quarter_id}",
    ]:
        page.goto(url)
        assert_accessible_at_any_width(page)

    # A draft to the Scrutiny Management Panel, from the Cabinet's template.
    report = drafting.start_report(
        by=cabinet.created_by,
        quarter=CommitteeReport.objects.get(committee="Cabinet").quarter,
        committee="Scrutiny Management Panel",
        meeting_date=CommitteeReport.objects.get(committee="Cabinet").meeting_date,
        subject="Quarterly performance report",
        report_by="Head of Audit and Performance Improvement",
        author=CommitteeReport.objects.get(committee="Cabinet").author,
        template=cabinet,
    )
    for url in [f"/reports/{report.pk}/", f"/reports/{report.pk}/details/", f"/reports/{report.pk}/template/"]:
        page.goto(url)
        assert_accessible_at_any_width(page)
    page.goto(f"/reports/{report.pk}/appendices/upload/")
    page.get_by_role("button", name="Upload the appendix").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the PDF to upload")
    assert_accessible_at_any_width(page)
    page.goto(f"/reports/{report.pk}/template/")
    page.get_by_role("button", name="Move the report to this template").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the template")
    assert_accessible_at_any_width(page)

    sign_in_as(page, "councillor")
    page.goto(f"/reports/{CommitteeReport.objects.get(committee='Cabinet').pk}/")
    expect(page.get_by_role("heading", name="5. Exceptions")).to_be_visible()
    assert_accessible_at_any_width(page)
