"""The Board's quarter in real Chromium, keyboard only, with axe-core on every page: the
Strategy Unit schedules a session, a contributor adds a risk note, the annex is marked
ready, an outcome is recorded with an action for a head of service, who updates it."""

import pytest
from playwright.sync_api import expect

from reviews.models import Action, BoardSession, ReportAppendix
from tests.browser.conftest import (
    assert_accessible,
    choose_radio_with_keyboard,
    press,
    sign_in_as,
    sign_in_with_keyboard,
    sign_out,
    tab_to,
    type_into,
)

pytestmark = pytest.mark.browser


def test_schedule_annotate_ready_decide_and_update(page, in_q3):
    ReportAppendix.objects.all().delete()  # the demo report's appendices print these sessions' annexes
    Action.objects.all().delete()
    BoardSession.objects.all().delete()  # start the quarter's Board afresh

    sign_in_with_keyboard(page, "strategy.officer")
    press(page, "a.govuk-service-navigation__link[href='/board/']")
    assert_accessible(page)
    press(page, "a:text-is('Schedule a session')")
    assert_accessible(page)
    type_into(page, "#id_grouping", "People")
    type_into(page, "#id_date", "31 1 2012")
    tab_to(page, "#id_attendees_1")
    page.keyboard.press("Space")
    press(page, "main [type=submit]")
    expect(page.locator("h1")).to_have_text("People")
    expect(page.locator("main")).to_contain_text("Active lifestyles")
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, "risk.contributor")
    press(page, "a.govuk-service-navigation__link[href='/annexes/']")
    assert_accessible(page)
    press(page, "a:text-is('People')")
    assert_accessible(page)
    press(page, "a:text-is('Add a note')")
    press(page, "main [type=submit]")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Describe the concern")
    assert_accessible(page)
    type_into(page, "#id_service", "Sport")
    type_into(page, "#id_concern", "Leisure contract renewal is on the corporate risk register.")
    choose_radio_with_keyboard(page, "rating", "medium")
    press(page, "main [type=submit]")
    expect(page.locator("main")).to_contain_text("Leisure contract renewal")
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, "strategy.officer")
    press(page, "a.govuk-service-navigation__link[href='/annexes/']")
    press(page, "a:text-is('People')")
    expect(page.locator("main")).to_contain_text("Risk Management: 1 note")
    press(page, "a:text-is('Mark ready for the Board')")
    expect(page.locator("h1")).to_have_text("Mark the annex ready for the Board?")
    assert_accessible(page)
    press(page, "button:text-is('Mark ready for the Board')")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Marked ready for the Board")
    assert_accessible(page)
    press(page, "a:text-is('Read the session pack')")
    expect(page.locator("main")).to_contain_text("Leisure contract renewal")
    assert_accessible(page)

    press(page, "a.govuk-service-navigation__link[href='/board/']")
    press(page, "a:text-is('People')")
    press(page, "a:has-text('Record outcome'):has(span:text-is(' for Active lifestyles'))")
    assert_accessible(page)
    type_into(page, "#id_discussion", "Actions agreed, working with Public Health colleagues.")
    choose_radio_with_keyboard(page, "result", "actions")
    type_into(page, "#id_action_title", "Refocus Public Health activity on active lifestyles")
    type_into(page, "#id_action_owner", "Ben")
    type_into(page, "#id_action_due", "30 6 2012")
    press(page, "main [type=submit]")
    expect(page.locator("main")).to_contain_text("Refocus Public Health activity on active lifestyles (Ben Holloway")
    assert_accessible(page)
    sign_out(page)

    sign_in_as(page, "head.sport")
    press(page, "a.govuk-service-navigation__link[href='/actions/']")
    assert_accessible(page)
    press(page, "a:has-text('Update progress')")
    assert_accessible(page)
    choose_radio_with_keyboard(page, "status", "on_track")
    type_into(page, "#id_commentary", "First joint workshop held with Public Health.")
    press(page, "main [type=submit]")
    row = page.locator("tr", has_text="Refocus Public Health activity")
    expect(row).to_contain_text("On track")
    expect(row).to_contain_text("First joint workshop held")
    assert_accessible(page)
