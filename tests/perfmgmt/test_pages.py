"""Home, services and error pages: what each persona sees, and what they must not."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import Quarter
from perfmgmt.roles import Role
from tests.conftest import PERSONAS
from tests.factories import DirectorateFactory, DmtGroupingFactory, ServiceFactory, UserFactory

SERVICES_PAGES = {
    "head",
    "other_head",
    "director",
    "other_director",
    "strategy_officer",
    "contributor",
    "administrator",
}


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()


@pytest.mark.django_db
def test_head_of_service_home_shows_the_quarter_deadline_and_their_own_services_only(client, org):
    response, html = page(client, org.head, reverse("home"))
    assert "What needs doing in Q3 2011/12" in html
    assert "1 October 2011 to 31 December 2011" in html
    assert "Education Standards" in html
    assert "Employment and Skills" not in html
    assert "Head of service" in html


@pytest.mark.django_db
def test_home_shows_the_worry_list_deadline(client, org):
    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2012, 1, 13)
    quarter.save()
    _, html = page(client, org.head, reverse("home"))
    assert "Due 13 January 2012 (deadline passed)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("contributor", "Annexes wanting Internal Audit notes"),
        ("clerk", "Latest published reports"),
        ("member", "Latest published reports"),
        ("administrator", "Add people and give them roles"),
        ("strategy_officer", "keep directorates, services, groupings and committees up to date"),
    ],
)
def test_each_role_home_says_what_it_is_for(client, org, persona, expected):
    _, html = page(client, org.persona(persona), reverse("home"))
    assert expected in html


@pytest.mark.django_db
def test_a_person_without_a_role_is_told_what_to_do(client, org):
    _, html = page(client, UserFactory(username="nobody"), reverse("home"))
    assert "Your account has no role yet" in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_navigation_shows_each_role_only_what_it_may_use(client, org, persona):
    _, html = page(client, org.persona(persona), reverse("home"))
    nav = html.split('id="navigation"')[1].split("</nav>")[0]
    assert ("Services" in nav) == (persona in SERVICES_PAGES)
    assert ('href="/set-up/"' in nav) == (persona in {"strategy_officer", "administrator"})
    assert ('href="/admin/"' in nav) == (persona in {"strategy_officer", "administrator"})


# Services pages: (persona, status for list, status for own/other service detail)
SERVICE_DETAIL_MATRIX = [
    ("anonymous", 302, 302),
    ("head", 200, 404),
    ("other_head", 404, 200),
    ("director", 200, 404),
    ("other_director", 404, 200),
    ("strategy_officer", 200, 200),
    ("contributor", 200, 200),
    ("clerk", 403, 403),
    ("member", 403, 403),
    ("administrator", 200, 200),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "service_status", "other_service_status"), SERVICE_DETAIL_MATRIX)
def test_service_detail_permission_matrix(client, org, persona, service_status, other_service_status):
    user = org.persona(persona)
    if user:
        client.force_login(user)
    assert client.get(reverse("plans:service_detail", args=[org.service.pk])).status_code == service_status
    assert client.get(reverse("plans:service_detail", args=[org.other_service.pk])).status_code == other_service_status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("head", 200),
        ("director", 200),
        ("strategy_officer", 200),
        ("contributor", 200),
        ("clerk", 403),
        ("member", 403),
        ("administrator", 200),
    ],
)
def test_service_list_permission_matrix(client, org, persona, status):
    user = org.persona(persona)
    if user:
        client.force_login(user)
    assert client.get(reverse("plans:service_list")).status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["plans:service_list", "home"])
def test_read_only_pages_refuse_posts(client, org, url_name):
    client.force_login(org.strategy_officer)
    assert client.post(reverse(url_name)).status_code == 405


@pytest.mark.django_db
def test_service_list_shows_only_the_head_of_service_own_services(client, org):
    _, html = page(client, org.head, reverse("plans:service_list"))
    assert "Education Standards" in html
    assert "Employment and Skills" not in html


@pytest.mark.django_db
def test_a_service_with_two_heads_is_seen_by_both(client, org):
    org.service.heads.add(org.other_head)
    response, html = page(client, org.other_head, reverse("plans:service_detail", args=[org.service.pk]))
    assert response.status_code == 200
    assert "Helen Price" in html and "Marcus Dean" in html


@pytest.mark.django_db
def test_user_text_is_shown_as_text(client, org):
    org.service.description = '<script>alert("x")</script>'
    org.service.save()
    _, html = page(client, org.head, reverse("plans:service_detail", args=[org.service.pk]))
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def grow(org, services: int):
    """More services, heads, groupings and directorates, all visible to the personas."""
    for _ in range(services):
        head = UserFactory(roles=[Role.HEAD_OF_SERVICE])
        own = ServiceFactory(directorate=org.directorate, heads=[head, org.head])
        elsewhere = ServiceFactory(directorate=DirectorateFactory(strategic_director=org.director), heads=[head])
        DmtGroupingFactory(services=[own, elsewhere])


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["head", "director", "strategy_officer", "administrator"])
@pytest.mark.parametrize("url_name", ["home", "plans:service_list"])
def test_query_count_does_not_grow_with_services(client, org, persona, url_name):
    client.force_login(org.persona(persona))
    url = reverse(url_name)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(org, 15)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


@pytest.mark.django_db
def test_not_found_page_is_friendly_and_leaks_nothing(client, org):
    client.force_login(org.head)
    response = client.get("/services/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "999999" not in html
    assert "Traceback" not in html and "DEBUG" not in html


@pytest.mark.django_db
def test_forbidden_page_is_friendly(client, org):
    client.force_login(org.member)
    response = client.get(reverse("plans:service_list"))
    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_friendly_and_leaks_nothing(client, org, settings):
    from django.urls import path

    from perfmgmt import urls

    def broken(request):
        raise RuntimeError("secret internals: DATABASE password=hunter2")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("boom/", broken), *urls.urlpatterns], "handler500": urls.handler500}
    )
    client.raise_request_exception = False
    client.force_login(org.head)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "hunter2" not in html and "Traceback" not in html and "RuntimeError" not in html


@pytest.mark.django_db
def test_csrf_failure_page_is_friendly(org):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(org.head)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, org):
    client.force_login(org.head)
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = response.content.decode()
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []
    assert re.findall(r"\sstyle=", html) == []


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["head", "director", "contributor", "clerk", "member"])
def test_people_without_admin_access_are_refused_admin_not_sent_round_in_circles(client, org, persona):
    client.force_login(org.persona(persona))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert "You cannot do that" in response.content.decode()


@pytest.mark.django_db
def test_strategy_unit_sees_only_the_set_up_it_may_change_in_admin(client, org):
    client.force_login(org.strategy_officer)
    html = client.get("/admin/").content.decode()
    assert "Quarters" in html and "DMT groupings" in html
    assert "/admin/perfmgmt/user/" not in html
    assert client.get("/admin/perfmgmt/user/").status_code == 403


@pytest.mark.django_db
def test_admin_history_can_be_read_but_not_reverted(client, org):
    from perfmgmt import services

    quarter = Quarter.objects.get()
    services.close_quarter(quarter=quarter, by=org.strategy_officer)
    opened = quarter.history.filter(status="open").first()
    client.force_login(org.strategy_officer)
    url = f"/admin/perfmgmt/quarter/{quarter.pk}/history/{opened.history_id}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "open", "number": 3, "financial_year": quarter.financial_year_id})
    assert response.status_code == 403
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.CLOSED


@pytest.mark.django_db
def test_an_administrator_cannot_make_anyone_a_superuser_or_see_superusers(client, org):
    boss = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(org.administrator)
    assert client.get(f"/admin/perfmgmt/user/{boss.pk}/change/").status_code == 302  # not found: back to list
    page = client.get(f"/admin/perfmgmt/user/{org.head.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    assert 'name="groups"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["login", "password_change"])
def test_sign_in_and_password_pages_have_exactly_one_form_in_main(client, org, url_name):
    client.force_login(org.head) if url_name == "password_change" else None
    main = client.get(reverse(url_name)).content.decode().split("<main")[1].split("</main>")[0]
    assert main.count("<form") == 1
    assert main.count("csrfmiddlewaretoken") == 1


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_never_stored_by_browsers_or_proxies(client, org):
    public = client.get(reverse("accessibility"))  # public, so it may be cached
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(org.strategy_officer)
    for url in (reverse("home"), reverse("plans:scorecard_csv"), reverse("worrylists:worry_list_tracker_csv")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url
