"""Every list page comes in pages: the same page, and the same queries, however large the
council; the filters hold from page to page; a page number past the end shows the last
page and one that is not a number is not found."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt import pagination
from perfmgmt.models import BenchmarkIndicator, BenchmarkValue, FinancialYear
from tests.perfmgmt.plans.test_views import add_measures
from tests.perfmgmt.test_pages import grow
from tests.reviews.board.test_views import make_actions

pytestmark = pytest.mark.django_db

PER_PAGE = 5


def add_indicators(org, count: int):
    year = FinancialYear.objects.get_or_create(start_year=2010)[0]
    start = BenchmarkIndicator.objects.count()
    for number in range(start, start + count):
        indicator = BenchmarkIndicator.objects.create(
            code=f"BV{number:04}", title=f"Indicator {number}", unit="percentage", polarity="higher"
        )
        BenchmarkValue.objects.create(indicator=indicator, financial_year=year, value=number)
        indicator.services.add(org.service)


# Each list page, a filter it keeps from page to page, and how to add n more of what it lists.
LISTS = {
    "plans:scorecard": ({"rag": ""}, lambda org, n: add_measures(org, services=n, measures_each=1)),
    "board:action_plan": ({"status": ""}, lambda org, n: make_actions(org, n)),
    "worrylists:worry_list_tracker": ({}, lambda org, n: grow(org, n)),
    "worrylists:worry_list_index": ({}, lambda org, n: grow(org, n)),
    "plans:service_list": ({}, lambda org, n: grow(org, n)),
    "plans:plan_list": ({}, lambda org, n: grow(org, n)),
    "benchmarks:benchmark_list": ({}, add_indicators),
}


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "PER_PAGE", PER_PAGE)


@pytest.mark.parametrize("url_name", LISTS)
def test_a_long_list_comes_in_pages_that_keep_the_filters(client, org, url_name):
    filters, add = LISTS[url_name]
    add(org, 2 * PER_PAGE)
    client.force_login(org.strategy_officer)
    url = reverse(url_name)

    first = client.get(url, filters)
    listing = first.context["listing"]
    total = listing.total
    assert total > 2 * PER_PAGE - 1
    assert len(listing.items) == PER_PAGE
    html = first.content.decode()
    assert f'aria-label="{listing.label}"' in html
    assert f"Showing 1 to {PER_PAGE} of {total}." in html
    assert 'aria-current="page">1</a>' in html
    next_link = "?" + "&amp;".join([*(f"{key}={value}" for key, value in filters.items()), "page=2"])
    assert f'href="{next_link}" rel="next"' in html

    pages = -(-total // PER_PAGE)
    last = client.get(url, {**filters, "page": pages})
    assert len(last.context["listing"].items) == total - (pages - 1) * PER_PAGE
    assert 'rel="next"' not in last.content.decode() and 'rel="prev"' in last.content.decode()
    seen = {
        str(item)
        for number in range(1, pages + 1)
        for item in client.get(url, {"page": number}).context["listing"].items
    }
    assert len(seen) == total  # every item on exactly one page

    past_the_end = client.get(url, {"page": 999})
    assert past_the_end.context["listing"].page.number == pages
    assert client.get(url, {"page": "two"}).status_code == 404


@pytest.mark.parametrize("url_name", LISTS)
def test_a_list_page_takes_the_same_queries_at_twice_the_size(client, org, url_name):
    filters, add = LISTS[url_name]
    client.force_login(org.strategy_officer)
    url = reverse(url_name)
    counts = []
    for _ in range(2):
        add(org, 2 * PER_PAGE)
        client.get(url, {**filters, "page": 2})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {**filters, "page": 2})
        assert len(response.context["listing"].items) == PER_PAGE
        counts.append(len(queries))
    assert counts[0] == counts[1], [query["sql"] for query in queries.captured_queries]


def test_a_short_list_has_no_page_links(client, org):
    client.force_login(org.strategy_officer)
    html = client.get(reverse("plans:service_list")).content.decode()
    assert "govuk-pagination" not in html and "Showing" not in html
    assert "Education Standards" in html
