"""A report template in real Chromium, keyboard only, with the demo as shipped: a
Strategy Unit officer copies the shipped template from set-up, renames a section and
moves it up, adds a section with a table of measures (after a mistake the page points
out), and previews the report the copy makes from Q3 2011/12. axe-core checks every page,
at desktop width and at 320 CSS pixels."""

import pytest
from playwright.sync_api import expect

from reviews.models import ReportTemplate
from tests.browser.conftest import assert_accessible_at_any_width, choose, fill_in, follow, sign_in_as, tab_to_element

pytestmark = pytest.mark.browser
SHIPPED = "Performance management update (governance and audit)"


def link(page, name):
    return page.get_by_role("link", name=name, exact=True)


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def section_rows(page):
    return page.get_by_role("region", name="Sections, in print order").locator("tbody tr td:first-child")


def test_copy_a_template_rename_and_reorder_sections_add_a_kpi_table_and_preview(page, in_q3):
    sign_in_as(page, "strategy.officer")
    follow(page, link(page, "Set-up"))
    follow(page, link(page, "Report templates"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Report templates")
    assert_accessible_at_any_width(page)

    follow(page, link(page, f"Copy {SHIPPED}"))
    assert_accessible_at_any_width(page)
    fill_in(page, "Name of the new template", "quarterly performance report to cabinet")  # the Cabinet template's
    follow(page, button(page, "Copy the template"))
    expect(page.get_by_role("alert")).to_contain_text("There is already a template called")
    assert_accessible_at_any_width(page)
    fill_in(page, "Name of the new template", "Scrutiny panel report")
    follow(page, button(page, "Copy the template"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Scrutiny panel report")
    assert_accessible_at_any_width(page)

    follow(page, link(page, "Change Context"))
    assert_accessible_at_any_width(page)
    fill_in(page, "Title", "Background")
    follow(page, button(page, "Save the section"))
    expect(page.get_by_text("Section saved.")).to_be_visible()
    follow(page, button(page, "Move up Background"))
    expect(section_rows(page).nth(2)).to_have_text("3. Background")
    expect(section_rows(page).nth(3)).to_have_text("4. Recommendations Compulsory")

    follow(page, link(page, "Add a section"))
    fill_in(page, "Title", "Key measures")
    follow(page, button(page, "Save the section"))  # nobody chosen to write it
    expect(page.get_by_role("alert")).to_contain_text("Choose who writes the section")
    assert_accessible_at_any_width(page)
    choose(page, "The Strategy Unit")
    tab_to_element(page, page.get_by_label("Filled from the quarter's data with", exact=True))
    page.keyboard.type("A table")
    for column in ("Actual", "Status now"):
        tab_to_element(page, page.get_by_label(column, exact=True))
        page.keyboard.press("Space")
    follow(page, button(page, "Save the section"))
    expect(section_rows(page).last).to_have_text("11. Key measures")
    assert_accessible_at_any_width(page)

    follow(page, button(page, "Preview the report"))
    expect(page.locator("body")).to_contain_text("DRAFT: not for publication")
    expect(page.get_by_role("heading", name="3. Background")).to_be_visible()
    table = page.get_by_role("table", name="Measures, Q3 2011/12")
    expect(table.get_by_role("columnheader")).to_have_text(["Measure", "Service", "Actual", "Status now"])
    expect(table.get_by_role("row")).to_have_count(1 + 10)  # every demo measure
    assert ReportTemplate.objects.get(name="Scrutiny panel report").sections.count() == 11
