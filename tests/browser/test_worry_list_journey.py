"""The head of service's worry list journey in real Chromium, keyboard only, with axe-core
on every page and error state; then the director reads the submitted list."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_accessible,
    choose_radio_with_keyboard,
    sign_in_as,
    sign_in_with_keyboard,
    tab_to,
)
from worrylists.models import Worry, WorryList

pytestmark = pytest.mark.browser


def press(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def add_worry(page, kind, title, evidence, ask):
    press(page, "a:text-is('Add a worry')")
    expect(page.locator("h1")).to_have_text("Add a worry")
    choose_radio_with_keyboard(page, "kind", kind)
    tab_to(page, "#id_title")
    page.keyboard.type(title)
    press(page, "main [type=submit]")
    expect(page.locator("h1")).to_have_text("Evidence and what you ask of the Board")
    assert_accessible(page)
    tab_to(page, "#id_evidence")
    page.keyboard.type(evidence)
    tab_to(page, "#id_ask")
    page.keyboard.type(ask)
    press(page, "main [type=submit]")
    expect(page.locator("h1")).to_have_text("Measures and benchmark indicators")
    assert_accessible(page)
    press(page, "main [type=submit]")
    expect(page.locator("h1")).to_have_text("Check your worry list before you submit it")


def test_head_of_service_drafts_reorders_and_submits_then_the_director_reads_it(page, in_q3):
    WorryList.objects.filter(service__name="Housing and Property", quarter__number=3).delete()
    sign_in_with_keyboard(page, "head.housing")

    press(page, "a.govuk-service-navigation__link[href='/worry-lists/']")
    expect(page.locator("h1")).to_have_text("Worry lists Q3 2011/12")
    assert_accessible(page)

    press(page, "a:has-text('Start the worry list')")
    expect(page.locator("h1")).to_have_text("Start the Q3 2011/12 worry list")
    assert_accessible(page)
    press(page, "button:text-is('Start now')")
    expect(page.locator("h1")).to_contain_text("Worry list Q3 2011/12")
    assert_accessible(page)

    # An empty add form shows its errors, accessibly, and keeps the page usable.
    press(page, "a:text-is('Add a worry')")
    press(page, "main [type=submit]")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose what kind of worry this is")
    expect(summary).to_contain_text("Enter a title for the worry")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    press(page, "a.govuk-back-link")

    add_worry(
        page,
        "performance",
        "Empty homes brought back into use",
        "Fewer empty homes are being brought back into use than planned.",
        "Agree joint work with Planning on enforcement.",
    )
    assert_accessible(page)
    press(page, "a.govuk-back-link")
    add_worry(
        page,
        "barrier",
        "Access to legal advice",
        "Cases wait weeks for legal advice.",
        "Agree a shared queue with Legal Services.",
    )

    # Submitting with a worry half done lists what is missing, linked to where to fix it.
    Worry.objects.filter(title="Access to legal advice").update(ask="")
    press(page, "button:text-is('Submit worry list')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Access to legal advice")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    Worry.objects.filter(title="Access to legal advice").update(ask="Agree a shared queue with Legal Services.")
    housing = WorryList.objects.get(service__name="Housing and Property", quarter__number=3)
    page.goto(f"/worry-lists/{housing.pk}/check/")

    # The barrier matters most: move it to the top with the keyboard.
    press(page, "button:has-text('Move up'):has(span:text-is(' Access to legal advice'))")
    titles = page.locator(".govuk-summary-card__title")
    expect(titles).to_have_text(["1. Access to legal advice", "2. Empty homes brought back into use"])
    assert_accessible(page)

    press(page, "button:text-is('Submit worry list')")
    expect(page.locator(".govuk-panel__title")).to_have_text("Worry list submitted")
    assert_accessible(page)

    tab_to(page, "button:has-text('Sign out')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    sign_in_as(page, "director.regeneration")
    press(page, "a.govuk-service-navigation__link[href='/worry-lists/']")
    assert_accessible(page)
    row = page.locator("tr", has=page.get_by_role("link", name="Housing and Property"))
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("Late")  # the demo deadline, 13 January 2012, has passed
    press(page, "a:text-is('Housing and Property')")
    expect(titles).to_have_text(["1. Access to legal advice", "2. Empty homes brought back into use"])
    expect(page.locator("main")).not_to_contain_text("Move up")
    assert_accessible(page)


def test_strategy_unit_tracker_pack_and_return_pages_are_accessible(page, in_q3):
    sign_in_as(page, "strategy.officer")
    page.goto("/worry-lists/tracker/")
    expect(page.locator("h1")).to_have_text("Worry list tracker Q3 2011/12")
    assert_accessible(page)
    page.get_by_role("link", name="Education Standards").click()
    page.get_by_role("button", name="Return for revision").click()
    page.locator("main [type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the worry list is being returned")
    assert_accessible(page)
    page.goto("/worry-lists/")
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.locator("main")).to_contain_text("Active lifestyles")
    assert_accessible(page)
