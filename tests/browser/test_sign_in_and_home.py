"""Each demo role signs in with the keyboard in real Chromium and sees its own home page."""

import re

import pytest
from django.urls import path
from playwright.sync_api import expect

from perfmgmt import urls
from perfmgmt.models import Service
from perfmgmt.roles import Role
from tests.browser.conftest import assert_accessible, sign_in_as, sign_in_with_keyboard, tab_to

pytestmark = pytest.mark.browser

WORK = ["Home", "Services", "Plans", "Scorecard", "Benchmarks"]
BOARD = ["Home", "Worry lists", "Board", "Actions", *WORK[1:]]
DIRECTORS = ["Home", "Worry lists", "Board", "Actions", "Annexes", *WORK[1:]]
WORKING = "What needs doing in Q4 2011/12"

# role: (username, heading, something only that role's home page says, navigation it has)
ROLE_HOMES = {
    Role.HEAD_OF_SERVICE: ("head.education", WORKING, "Start the Education Standards worry list", BOARD),
    Role.STRATEGIC_DIRECTOR: (
        "director.children",
        WORKING,
        "Your directorate's worry lists for Q4 2011/12",
        [*DIRECTORS, "Reports"],
    ),
    Role.STRATEGY_UNIT: ("strategy.officer", WORKING, "0 of 14 submitted", [*DIRECTORS, "Reports", "Set-up", "Admin"]),
    Role.CONTRIBUTOR: (
        "audit.contributor",
        WORKING,
        "Annexes wanting Internal Audit notes",
        ["Home", "Actions", "Annexes", *WORK[1:]],
    ),
    # The demo's advisers are also heads of service.
    Role.LEGAL_ADVISER: ("head.legal", WORKING, "No report is waiting for your clearance", [*BOARD, "Reports"]),
    Role.FINANCE_ADVISER: ("head.finance", WORKING, "No report is waiting for your clearance", [*BOARD, "Reports"]),
    Role.COMMITTEE_CLERK: ("committee.clerk", WORKING, "Latest published reports", ["Home", "Reports"]),
    Role.MEMBER: ("councillor", "Performance reports", "Performance Management Update (Quarter 3", ["Home", "Reports"]),
    Role.ADMINISTRATOR: ("admin", WORKING, "Add people and give them roles", [*WORK, "Set-up", "Admin"]),
}


def test_sign_in_page_is_accessible_and_its_errors_are_announced(page, demo):
    page.goto("/sign-in/")
    expect(page).to_have_title(re.compile("^Sign in"))
    assert_accessible(page)

    tab_to(page, "main [type=submit]")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter your username")
    expect(summary).to_contain_text("Enter your password")
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(summary).to_be_focused()
    assert_accessible(page)

    page.locator(".govuk-error-summary a", has_text="Enter your username").click()
    expect(page.locator("#id_username")).to_be_focused()


def test_wrong_password_shows_a_clear_message_and_no_stack_trace(page, demo):
    sign_in_with_keyboard(page, "head.education", "not-the-password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct username and password")
    expect(page.locator("body")).not_to_contain_text("Traceback")
    assert_accessible(page)


@pytest.mark.parametrize("role", list(ROLE_HOMES), ids=[role.value for role in ROLE_HOMES])
def test_each_demo_role_signs_in_and_sees_its_own_home_and_navigation(page, demo, role):
    username, heading, marker, navigation = ROLE_HOMES[role]
    sign_in_with_keyboard(page, username)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.locator("main")).to_contain_text(marker)
    expect(page.locator(".govuk-caption-l")).to_contain_text(role.label)
    expect(page.locator(".govuk-service-navigation__list a")).to_have_text(navigation)
    assert_accessible(page)


def test_head_of_service_sees_only_their_own_service_and_not_the_admin(page, demo):
    sign_in_as(page, "head.education")
    page.get_by_role("link", name="Services").click()
    expect(page.locator("main")).to_contain_text("Education Standards")
    expect(page.locator("main")).not_to_contain_text("Children's Social Care")
    assert_accessible(page)

    page.get_by_role("link", name="Education Standards").click()
    expect(page.locator("h1")).to_have_text("Education Standards")
    assert_accessible(page)

    other = Service.objects.get(name="Children's Social Care")
    response = page.goto(f"/services/{other.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("body")).not_to_contain_text("Children's Social Care")
    assert_accessible(page)

    response = page.goto("/admin/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("You cannot do that")
    assert_accessible(page)


def test_skip_link_takes_keyboard_users_to_the_main_content(page, demo):
    sign_in_as(page, "director.children")
    page.keyboard.press("Tab")
    skip = page.locator(".govuk-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_sign_out_with_the_keyboard(page, demo):
    sign_in_with_keyboard(page, "councillor")
    tab_to(page, "button:has-text('Sign out')")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/sign-in/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile("/sign-in/\\?next=/$"))


def test_change_password_errors_are_accessible(page, demo):
    sign_in_as(page, "head.education")
    page.get_by_role("link", name="Change password").click()
    assert_accessible(page)
    tab_to(page, "#id_old_password")
    page.keyboard.type("wrong")
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    page.keyboard.press("Tab")
    page.keyboard.type("different")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Your current password is not right")
    expect(summary).to_contain_text("The two new passwords do not match")
    assert_accessible(page)


def test_accessibility_statement_is_public_and_accessible(page, demo):
    page.goto("/accessibility/")
    expect(page.locator("h1")).to_have_text("Accessibility statement for Performance management")
    assert_accessible(page)


def test_error_pages_are_accessible(page, demo, settings):
    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("boom/", broken), *urls.urlpatterns], "handler500": urls.handler500}
    )
    sign_in_as(page, "councillor")
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert_accessible(page)
    response = page.goto("/services/")
    assert response.status == 403
    assert_accessible(page)
    response = page.goto("/boom/")
    assert response.status == 500
    expect(page.locator("h1")).to_have_text("Sorry, there is a problem with the service")
    assert_accessible(page)
