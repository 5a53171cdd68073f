"""A head of service enters quarterly figures in real Chromium, keyboard only."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from perfmgmt.models import BusinessPlan, MeasureFigure
from tests.browser.conftest import (
    assert_accessible,
    assert_accessible_at_any_width,
    choose_radio_with_keyboard,
    follow,
    sign_in_as,
    sign_in_with_keyboard,
    tab_to,
)

pytestmark = pytest.mark.browser

MEASURE = "Young people in apprenticeships and work placements at the council"


def test_head_enters_q3_figures_red_demands_commentary_and_the_scorecard_updates(page, in_q3):
    sign_in_with_keyboard(page, "head.employment")
    plan = BusinessPlan.objects.get(service__name="Employment and Skills", financial_year__start_year=2011)
    # The demo's Q3 figure is in; start this journey from an empty Q3 actual.
    MeasureFigure.objects.filter(measure__plan=plan, measure__title=MEASURE, quarter__number=3).update(
        actual=None, commentary="", forecast=""
    )

    tab_to(page, "a.govuk-service-navigation__link[href='/plans/']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Business plans 2011/12")
    assert_accessible(page)

    tab_to(page, "a:text('Employment and Skills')")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Business plan 2011/12")
    assert_accessible(page)

    tab_to(page, f"a:has-text('Enter figures'):has(span:text-is('for {MEASURE}, Q3 2011/12'))")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(MEASURE)
    assert_accessible(page)

    tab_to(page, "#id_actual")
    page.keyboard.type("7")
    tab_to(page, "main [type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This measure is red. Explain why, and what is being done about it")
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator("#id_actual")).to_have_value("7")  # nothing typed is lost
    assert_accessible(page)

    tab_to(page, "#id_commentary")
    page.keyboard.type("Only 7 staff are apprentices or on placements; a package of actions is agreed.")
    choose_radio_with_keyboard(page, "forecast", "red")
    expect(page.locator("input[name=forecast][value=red]")).to_be_checked()
    tab_to(page, "main [type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Q3 2011/12 figures saved")

    tab_to(page, "a.govuk-service-navigation__link[href='/scorecard/']")
    page.keyboard.press("Enter")
    row = page.locator("tr", has=page.get_by_role("link", name=MEASURE))
    expect(row).to_contain_text("Red")
    expect(row).to_contain_text("Red: likely to miss the year-end target")
    expect(row).to_contain_text("a package of actions is agreed")
    assert_accessible(page)

    page.get_by_role("link", name=MEASURE).click()
    expect(page.locator("svg[role=img] title")).to_contain_text(MEASURE)
    assert_accessible(page)


def test_strategy_unit_import_pages_are_accessible_including_errors(page, in_q3, tmp_path):
    sign_in_as(page, "strategy.officer")
    page.goto("/benchmarks/")
    assert_accessible(page)
    page.get_by_role("link", name="Import from a CSV file").click()
    assert_accessible(page)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "code,title,unit,polarity,source,comparator_group,period,value,rank,out_of,"
        "comparator_average,quartile,england_average\nX,Thing,lots,higher,,,2010/11,1,,,,,\n"
    )
    page.set_input_files("#id_file", str(bad))
    page.locator("main [type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("nothing can be imported")
    expect(page.locator("#problems")).to_contain_text("'lots' is not one of")
    assert_accessible(page)
    page.goto("/benchmarks/import/")
    page.locator("main [type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a CSV file to upload")
    assert_accessible(page)


def test_a_plans_history_page_reads_well_at_any_width(page, demo):
    sign_in_as(page, "head.education")
    plan = BusinessPlan.objects.filter(service__name="Education Standards").order_by("-financial_year__start_year")[0]
    page.goto(f"/plans/{plan.pk}/")
    follow(page, page.get_by_role("link", name="The plan's history, field by field"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("History: Education Standards business plan")
    assert_accessible_at_any_width(page)


def test_a_council_ten_times_the_demo_reads_its_scorecard_page_by_page_by_keyboard(page, in_q3):
    call_command("load_scale", times=0.1, seed=4, stdout=StringIO())
    sign_in_with_keyboard(page, "strategy.officer")
    page.goto("/scorecard/?rag=red")
    expect(page.locator("main")).to_contain_text("Showing 1 to 50 of")
    follow(page, page.get_by_role("navigation", name="Pages of the scorecard").get_by_role("link", name="Next page"))
    assert re.search(r"rag=red&page=2$", page.url), page.url
    expect(page.locator("main")).to_contain_text("Showing 51 to")
    expect(page.get_by_label("Status")).to_have_value("red")
    expect(page.locator("[aria-current=page]")).to_have_text("2")
    assert_accessible_at_any_width(page)
