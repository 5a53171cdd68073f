"""Real Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against live_server.

A missing Chromium is a failure, not a skip: these tests are how we know the product
works for a person in a browser.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from playwright.sync_api import Locator, Page, expect, sync_playwright

from perfmgmt.models import Quarter, User

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
DEMO_PASSWORD = "demo-password-for-browser-tests"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}. Install Debian's chromium package (see README).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings) -> Page:
    # The live server speaks plain HTTP, so cookies cannot be marked secure here.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.live_server_url = live_server.url  # for sign_in_as
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Pages may be 403 or 404 on purpose; their scripts, styles and images never may.
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and errors.append(f"{response.status} {response.url}")
        ),
    )
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and errors.append(message.text)
        ),
    )
    yield page
    context.close()
    assert not errors, f"The browser reported errors: {errors}"


SNAPSHOT = "browser_demo_snapshot"
_snapshot_taken = False


@pytest.fixture
def demo(transactional_db, pdfs_once):
    """The demo as shipped, loaded afresh for each test. On PostgreSQL the first load in
    each test process is copied into a schema of its own and later tests copy it back,
    which takes a fraction of the seconds a load takes."""
    global _snapshot_taken
    if connection.vendor != "postgresql":
        call_command("load_demo", password=DEMO_PASSWORD, force=True, stdout=StringIO())
        return
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        if not _snapshot_taken:
            call_command("load_demo", password=DEMO_PASSWORD, force=True, stdout=StringIO())
            cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
            for table in tables:
                cursor.execute(f'CREATE TABLE {SNAPSHOT}."{table}" AS TABLE public."{table}"')
            _snapshot_taken = True
            return
        with transaction.atomic():  # foreign keys are checked at commit, so any order will do
            for table in tables:
                cursor.execute(f'DELETE FROM public."{table}"')
            for table in tables:
                cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SNAPSHOT}."{table}"')
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(sql)
    ContentType.objects.clear_cache()


@pytest.fixture
def in_q3(demo):
    """The demo as it stood before Q4 2011/12 opened, for journeys through Q3's own work."""
    Quarter.objects.filter(financial_year__start_year=2011, number=4).update(status=Quarter.Status.PLANNED)


def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def tab_to(page: Page, selector: str, limit: int = 40, *, back: bool = False) -> None:
    """Move focus with the Tab key only (Shift+Tab when going back up the page), as a
    keyboard user would, until it reaches selector."""
    tab_to_element(page, page.locator(selector), limit, back=back)


def sign_in_with_keyboard(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/sign-in/")
    tab_to(page, "#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_as(page: Page, username: str) -> None:
    """Start as this person already signed in, with a session made on the server, and open
    their home page. Signing in with the keyboard has tests of its own; journeys that change
    person use this for every sign-in but their first."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.live_server_url}])
    page.goto("/")


def choose_radio_with_keyboard(page: Page, name: str, value: str) -> None:
    """Tab into a radio group (focus lands on its checked or first radio), then use the
    arrow keys, which move and select within the group, until the wanted one is chosen."""
    _choose_radio(page, page.locator(f'input[type=radio][name="{name}"][value="{value}"]'))


def press(page: Page, selector: str) -> None:
    """Tab to a link or button and press Enter, waiting for the page it leads to."""
    follow(page, page.locator(selector))


def type_into(page: Page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def sign_out(page: Page) -> None:
    press(page, "button:has-text('Sign out')")


# Journeys by what people see: links, buttons and fields are found by their visible label
# (accessible name), never by CSS, and reached with the Tab key.


def tab_to_element(page: Page, target: Locator, limit: int = 80, *, back: bool = False) -> None:
    expect(target).to_have_count(1)
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Could not reach {target} with the Tab key.")


def follow(page: Page, target: Locator) -> None:
    """Tab to a link or button and press Enter, waiting for the page it leads to."""
    tab_to_element(page, target)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def fill_in(page: Page, label: str, text: str) -> None:
    """Tab to the field with this label, clear it and type."""
    tab_to_element(page, page.get_by_label(label, exact=True))
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def choose(page: Page, label: str) -> None:
    """Tab into the radio group of the radio with this label, then move to it with the
    arrow keys, which select as they move."""
    _choose_radio(page, page.get_by_label(label, exact=True))


def _choose_radio(page: Page, radio: Locator) -> None:
    name = radio.get_attribute("name")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            break
    else:
        pytest.fail(f"Could not reach the {name} radios with the Tab key.")
    for _ in range(10):
        if radio.evaluate("element => element === document.activeElement"):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"Could not choose {radio} with the arrow keys.")


def assert_accessible_at_any_width(page: Page) -> None:
    """axe-core finds nothing at desktop width, nor at 320 CSS pixels, where the page does
    not scroll sideways (WCAG 2.2 1.4.10 Reflow)."""
    assert_accessible(page)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{page.url} scrolls sideways at 320px"
        assert_accessible(page)
    finally:
        page.set_viewport_size(size)
