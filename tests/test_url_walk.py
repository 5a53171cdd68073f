"""Walk the whole URLconf as an anonymous visitor: every page asks them to sign in, except
a short explicit list. A URL parameter needs a sample value here, so nobody can add a page
with a new kind of parameter without this test seeing it."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Sample values for URL parameters, by parameter name.
SAMPLES = {
    "pk": "1",
    "service_pk": "1",
    "start_year": "2011",
    "objective_pk": "1",
    "measure_pk": "1",
    "quarter_pk": "1",
    "worry_pk": "1",
    "item_pk": "1",
    "note_pk": "1",
    "paragraph_pk": "1",
    "job_pk": "1",
    "document_pk": "1",
    "appendix_pk": "1",
    "row_pk": "1",
    "section_pk": "1",
    "part": "sections",
    "number": "1",
    "section": "summary",
    "area": "legal",
    "kind": "pdf",
    "object_id": "1",
    "id": "1",
    "app_label": "perfmgmt",
    "content_type_id": "1",
    "history_id": "1",
    "url": "no-such-page/",
}

# Pages an anonymous visitor may open, by URL name or path, with the reason.
PUBLIC = {
    "login": "sign in",
    "health": "for load balancers and monitoring",
    "accessibility": "the accessibility statement must be public",
    "/admin/login/": "redirects to the one sign-in page",
}

GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
UNNAMED_GROUP = re.compile(r"\((?!\?)[^)]*\)")  # positional parameters take "1"


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        regex = prefix + entry.pattern.regex.pattern.removeprefix("^").removesuffix("\\Z").removesuffix("$")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, regex, inner)
        elif isinstance(entry, URLPattern):
            yield regex, f"{namespace}{entry.name}" if entry.name else None


def sample_path(regex: str) -> str:
    def value(match):
        name = match.group(1)
        if name not in SAMPLES:
            pytest.fail(f"URL pattern {regex!r} has a parameter {name!r} with no sample value in SAMPLES.")
        return SAMPLES[name]

    return "/" + UNNAMED_GROUP.sub("1", GROUP.sub(value, regex)).replace("\\", "")


def sample_urls() -> dict[str, str]:
    """Sample URL -> URL name (or the URL itself when the pattern has no name)."""
    return {sample_path(regex): name or sample_path(regex) for regex, name in walk(get_resolver().url_patterns)}


def is_public(url: str, name: str) -> bool:
    return name in PUBLIC or url in PUBLIC


def final_location(client, response) -> str:
    """Django admin sends visitors to its own login URL, which sends them on to ours."""
    location = response["Location"]
    if urlsplit(location).path == "/admin/login/":
        location = client.get(location)["Location"]
    return location


def test_the_walk_covers_the_app_and_admin():
    urls = sample_urls()
    for expected in ["/", "/services/1/", "/sign-in/", "/admin/perfmgmt/quarter/1/change/", "/admin/no-such-page/"]:
        assert expected in urls
    assert len(urls) > 40


def test_a_parameter_without_a_sample_value_fails_the_walk():
    with pytest.raises(pytest.fail.Exception, match="no sample value"):
        sample_path(r"reports/(?P<report_slug>[-a-z0-9]+)/")


@pytest.mark.django_db
def test_every_url_asks_an_anonymous_visitor_to_sign_in_except_the_public_ones(client):
    sign_in = reverse("login")
    for url, name in sample_urls().items():
        response = client.get(url)
        if is_public(url, name):
            assert response.status_code in (200, 302), (url, response.status_code)
            if response.status_code == 302:
                assert urlsplit(response["Location"]).path == sign_in, url
            continue
        assert response.status_code == 302, (url, response.status_code)
        location = urlsplit(final_location(client, response))
        assert location.path == sign_in, (url, location)
        assert unquote(location.query) == f"next={url}", (url, location)


@pytest.mark.django_db
def test_anonymous_posts_change_nothing_and_go_to_sign_in(client):
    for url, name in sample_urls().items():
        if is_public(url, name):
            continue
        response = client.post(url, {"anything": "1"})
        assert response.status_code == 302, (url, response.status_code)
        assert urlsplit(final_location(client, response)).path == reverse("login"), url


@pytest.mark.django_db
def test_public_pages_really_open_without_signing_in(client):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.get(reverse("health")).json() == {"status": "ok"}
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == "/sign-in/?next=/admin/"
