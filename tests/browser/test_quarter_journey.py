"""A quarter from set-up to the committee, in real Chromium, with the demo as shipped:
keyboard only, every link, button and field found by its visible label, and axe-core on
every page at desktop width and at 320 CSS pixels, where no page scrolls sideways.

The Strategy Unit sets up 2012/13 and opens its first quarter with deadlines; the head of
Education Standards drafts, checks and submits a list of two worries from their home page;
the Board's outcome is recorded with an action, then changed without agreeing the action
twice; a member reads the published report from their home page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perfmgmt.models import Quarter
from reviews.models import Action
from tests.browser.conftest import (
    DEMO_PASSWORD,
    assert_accessible_at_any_width,
    choose,
    fill_in,
    follow,
    sign_in_as,
    tab_to_element,
)
from worrylists.models import WorryList

pytestmark = pytest.mark.browser


def link(page, name):
    return page.get_by_role("link", name=name, exact=True)


def button(page, name):
    return page.get_by_role("button", name=name, exact=True)


def heading(page):
    return page.get_by_role("heading", level=1)


def fill_in_select(page, select, text):
    """Tab to a select and type the start of an option: the select jumps to it."""
    tab_to_element(page, select)
    page.keyboard.type(text)


def sign_out(page):
    follow(page, button(page, "Sign out"))


def set_up_the_quarter(page, due):
    page.goto("/sign-in/")
    fill_in(page, "Username", "strategy.officer")
    fill_in(page, "Password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(heading(page)).to_have_text("What needs doing in Q4 2011/12")
    assert_accessible_at_any_width(page)

    follow(page, link(page, "Set-up"))
    assert_accessible_at_any_width(page)
    follow(page, link(page, "Set up a financial year"))
    fill_in(page, "Calendar year in which the financial year starts", "2011")
    follow(page, button(page, "Set up the year"))
    expect(page.get_by_role("alert")).to_contain_text("2011/12 is already set up")
    assert_accessible_at_any_width(page)
    fill_in(page, "Calendar year in which the financial year starts", "2012")
    follow(page, button(page, "Set up the year"))
    expect(page.get_by_text("2012/13 is set up with its four quarters")).to_be_visible()

    follow(page, link(page, "Q1 2012/13"))
    expect(heading(page)).to_have_text("Q1 2012/13")
    assert_accessible_at_any_width(page)
    follow(page, button(page, "Open Q1 2012/13"))
    expect(page.get_by_text("Q1 2012/13 is open")).to_be_visible()
    assert_accessible_at_any_width(page)

    follow(page, link(page, "Change worry lists due"))
    fill_in(page, "Worry lists due", "31 3 2012")  # the day before the quarter starts
    follow(page, button(page, "Save deadlines"))
    expect(page.get_by_role("alert")).to_contain_text("on or after the day the quarter starts (1 April 2012)")
    assert_accessible_at_any_width(page)
    fill_in(page, "Worry lists due", f"{due:%-d %-m %Y}")
    fill_in(page, "Quarterly figures due", f"{due:%-d %-m %Y}")
    fill_in(page, "Annex notes due", f"{due + timedelta(days=7):%-d %-m %Y}")
    fill_in(page, "Action progress updates due", f"{due + timedelta(days=7):%-d %-m %Y}")
    follow(page, button(page, "Save deadlines"))
    expect(page.get_by_text("Deadlines saved for Q1 2012/13")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"{due:%-d %B %Y}")
    sign_out(page)


def add_worry(page, kind, title, evidence, ask):
    expect(heading(page)).to_have_text("Add a worry")
    choose(page, kind)
    fill_in(page, "Title", title)
    follow(page, button(page, "Save and continue"))
    expect(heading(page)).to_have_text("Evidence and what you ask of the Board")
    fill_in(page, "What is happening, and the evidence", evidence)
    fill_in(page, "What do you ask of the Strategic Directors Board?", ask)
    follow(page, button(page, "Save and continue"))
    expect(heading(page)).to_have_text("Measures and benchmark indicators")
    follow(page, button(page, "Save and continue"))
    expect(heading(page)).to_have_text("Check your worry list before you submit it")


def draft_and_submit_the_list(page, due):
    sign_in_as(page, "head.education")
    expect(heading(page)).to_have_text("What needs doing in Q1 2012/13")
    expect(page.get_by_role("main")).to_contain_text(f"Due {due:%-d %B %Y} (14 days left)")
    assert_accessible_at_any_width(page)
    follow(page, link(page, "Start the Education Standards worry list"))
    expect(heading(page)).to_have_text("Start the Q1 2012/13 worry list")
    assert_accessible_at_any_width(page)
    follow(page, button(page, "Start now"))
    assert_accessible_at_any_width(page)
    follow(page, button(page, "Add a worry"))
    assert_accessible_at_any_width(page)
    add_worry(
        page,
        "Performance that is not acceptable and needs a collective solution",
        "Key Stage 4 attainment",
        "Results are 148th of 152 authorities.",
        "Agree a citywide plan with schools.",
    )
    assert_accessible_at_any_width(page)
    follow(page, link(page, "Add another worry"))
    add_worry(
        page,
        "A barrier to success in the wider organisation",
        "Access to data on pupils",
        "Schools wait weeks for pupil data.",
        "Agree a data sharing protocol.",
    )
    expect(page.get_by_role("main")).to_contain_text("Key Stage 4 attainment")
    expect(page.get_by_role("main")).to_contain_text("Access to data on pupils")
    follow(page, button(page, "Submit worry list"))
    expect(page.get_by_role("heading", name="Worry list submitted")).to_be_visible()
    assert_accessible_at_any_width(page)
    follow(page, link(page, "Home"))
    expect(page.get_by_role("main")).to_contain_text("Submitted")
    sign_out(page)


def record_and_change_the_outcome(page, due):
    sign_in_as(page, "strategy.officer")
    follow(page, link(page, "Board"))
    follow(page, button(page, "Schedule a session"))
    assert_accessible_at_any_width(page)
    fill_in_select(page, page.get_by_label("Which session is it?", exact=True), "Children")
    fill_in(page, "Date", f"{due + timedelta(days=10):%-d %-m %Y}")
    follow(page, button(page, "Schedule the session"))
    expect(page.get_by_role("main")).to_contain_text("Key Stage 4 attainment")
    assert_accessible_at_any_width(page)

    follow(page, link(page, "Record outcome for Key Stage 4 attainment"))
    assert_accessible_at_any_width(page)
    fill_in(page, "Summary of the discussion", "A citywide plan is needed.")
    choose(page, "Actions agreed")
    fill_in(page, "Action agreed", "Draft the citywide attainment plan")
    fill_in_select(page, page.get_by_label("Owner", exact=True), "Helen")
    fill_in(page, "Due date", f"{due + timedelta(days=60):%-d %-m %Y}")
    follow(page, button(page, "Save the outcome"))
    expect(page.get_by_role("main")).to_contain_text("Draft the citywide attainment plan (Helen Price")
    assert_accessible_at_any_width(page)

    follow(page, link(page, "Change outcome for Key Stage 4 attainment"))
    expect(page.get_by_role("main")).to_contain_text("Draft the citywide attainment plan")  # already agreed
    assert_accessible_at_any_width(page)
    fill_in(page, "Summary of the discussion", "A citywide plan is needed, led by the head of service.")
    follow(page, button(page, "Save the outcome"))
    expect(page.get_by_role("main")).to_contain_text("led by the head of service")
    expect(page.get_by_text("Draft the citywide attainment plan (Helen Price")).to_have_count(1)
    assert Action.objects.filter(title="Draft the citywide attainment plan").count() == 1
    sign_out(page)


def read_the_published_report(page):
    sign_in_as(page, "councillor")
    expect(heading(page)).to_have_text("Performance reports")
    assert_accessible_at_any_width(page)
    subject = "Performance Management Update (Quarter 3 2011-2012)"
    follow(page, page.get_by_role("link", name=subject))
    expect(heading(page)).to_contain_text(subject)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Approved")
    expect(main).to_contain_text("Appendix A: Action plan, Q3 2011/12")
    expect(main).to_contain_text("1.1")
    expect(link(page, "Reports")).to_be_visible()  # the site's navigation
    assert_accessible_at_any_width(page)


def test_a_quarter_from_set_up_to_the_committee(page, demo):
    due = timezone.localdate() + timedelta(days=14)
    set_up_the_quarter(page, due)
    assert Quarter.objects.get(financial_year__start_year=2012, number=1).worry_list_deadline == due
    draft_and_submit_the_list(page, due)
    worry_list = WorryList.objects.get(service__name="Education Standards", quarter__financial_year__start_year=2012)
    assert worry_list.status == WorryList.Status.SUBMITTED and worry_list.worries.count() == 2
    record_and_change_the_outcome(page, due)
    read_the_published_report(page)
