"""Set-up pages: only the Strategy Unit (and the administrator) may use them; bad input is
told next to its field and changes nothing; closing a quarter says what is missing."""

import re
from datetime import date

import pytest
from django.urls import reverse

from perfmgmt.models import Committee, Directorate, DmtGrouping, FinancialYear, MeasureFigure, Quarter, Service
from perfmgmt.setup import services
from tests.conftest import PERSONAS
from tests.factories import (
    BusinessPlanFactory,
    MeasureFactory,
    MeasureFigureFactory,
    QuarterFactory,
    WorryListFactory,
)

MAY_SET_UP = {"strategy_officer", "administrator"}


def _quarter():
    return Quarter.objects.get(status=Quarter.Status.OPEN)


def _pages(quarter):
    closed = QuarterFactory(financial_year=quarter.financial_year, number=2, status=Quarter.Status.CLOSED)
    directorate = Directorate.objects.first()
    return [
        reverse("setup:set_up"),
        reverse("setup:year_add"),
        reverse("setup:quarter_detail", args=[quarter.pk]),
        reverse("setup:quarter_deadlines", args=[quarter.pk]),
        reverse("setup:quarter_close", args=[quarter.pk]),
        reverse("setup:quarter_reopen", args=[closed.pk]),
        *(reverse("setup:record_list", args=[kind]) for kind in ("directorates", "services", "groupings")),
        reverse("setup:record_list", args=["committees"]),
        reverse("setup:record_add", args=["services"]),
        reverse("setup:record_change", args=["directorates", directorate.pk]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [*PERSONAS, "anonymous"])
def test_only_the_strategy_unit_and_administrator_reach_set_up(client, org, persona):
    user = org.persona(persona)
    if user:
        client.force_login(user)
    for url in _pages(_quarter()):
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302 and "/sign-in/" in response["Location"], url
        else:
            assert response.status_code == (200 if persona in MAY_SET_UP else 403), url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MAY_SET_UP))
def test_a_refused_post_changes_nothing(client, org, persona):
    client.force_login(org.persona(persona))
    quarter = _quarter()
    posts = [
        (reverse("setup:year_add"), {"start_year": "2030"}),
        (reverse("setup:quarter_deadlines", args=[quarter.pk]), {"worry_list_deadline": "20 10 2011"}),
        (reverse("setup:quarter_close", args=[quarter.pk]), {}),
        (reverse("setup:record_add", args=["committees"]), {"name": "Cabinet"}),
        (reverse("setup:record_change", args=["directorates", org.directorate.pk]), {"name": "Renamed"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.OPEN and quarter.worry_list_deadline is None
    assert not FinancialYear.objects.filter(start_year=2030).exists()
    assert not Committee.objects.exists()
    assert not Directorate.objects.filter(name="Renamed").exists()


@pytest.mark.django_db
def test_a_new_year_comes_with_four_planned_quarters_and_can_be_set_up_once(client, org):
    client.force_login(org.strategy_officer)
    response = client.post(reverse("setup:year_add"), {"start_year": "2012"}, follow=True)
    assert "2012/13 is set up with its four quarters" in response.content.decode()
    year = FinancialYear.objects.get(start_year=2012)
    assert [(q.number, q.status) for q in year.quarters.order_by("number")] == [(n, "planned") for n in (1, 2, 3, 4)]

    again = client.post(reverse("setup:year_add"), {"start_year": "2012"})
    html = again.content.decode()
    assert again.status_code == 200
    assert "2012/13 is already set up" in html and 'id="id_start_year_1_error"' in html
    assert FinancialYear.objects.filter(start_year=2012).count() == 1
    assert Quarter.objects.filter(financial_year=year).count() == 4

    for bad in ("1999", "twenty", ""):
        refused = client.post(reverse("setup:year_add"), {"start_year": bad}).content.decode()
        assert "govuk-error-summary" in refused and 'id="id_start_year_1_error"' in refused, bad
    assert FinancialYear.objects.count() == 2


@pytest.mark.django_db
def test_deadlines_before_the_quarter_starts_are_refused_next_to_the_field(client, org):
    client.force_login(org.strategy_officer)
    quarter = _quarter()
    url = reverse("setup:quarter_deadlines", args=[quarter.pk])
    client.post(url, {"worry_list_deadline": "13 1 2012"})
    response = client.post(url, {"worry_list_deadline": "30 9 2011", "figures_deadline": "20 1 2012"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_worry_list_deadline_1_error"' in html
    assert "on or after the day the quarter starts (1 October 2011)" in html
    quarter.refresh_from_db()
    assert quarter.worry_list_deadline == date(2012, 1, 13) and quarter.figures_deadline is None

    client.post(
        url,
        {
            "worry_list_deadline": "13 1 2012",
            "figures_deadline": "20 1 2012",
            "annex_notes_deadline": "27 1 2012",
            "action_updates_deadline": "3 2 2012",
        },
    )
    quarter.refresh_from_db()
    assert (quarter.figures_deadline, quarter.action_updates_deadline) == (date(2012, 1, 20), date(2012, 2, 3))
    assert quarter.history.first().history_user == org.strategy_officer


@pytest.mark.django_db
def test_closing_is_refused_while_a_list_is_in_draft_and_says_what_is_missing(client, org):
    client.force_login(org.strategy_officer)
    quarter = _quarter()
    WorryListFactory(service=org.service, quarter=quarter)
    close = reverse("setup:quarter_close", args=[quarter.pk])

    confirm = client.get(close).content.decode()
    assert "Worry lists still being drafted or revised (1): Education Standards" in confirm
    assert "Worry lists not started (1): Employment and Skills" in confirm
    assert "cannot be closed while worry lists are being drafted" in confirm

    refused = client.post(close, follow=True).content.decode()
    assert "cannot be closed while worry lists are still being drafted or revised: Education Standards" in refused
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.OPEN


@pytest.mark.django_db
def test_a_quarter_opens_closes_and_reopens_only_with_a_reason(client, org):
    client.force_login(org.strategy_officer)
    planned = QuarterFactory(financial_year=_quarter().financial_year, number=4)
    opened = client.post(reverse("setup:quarter_open", args=[planned.pk]), follow=True).content.decode()
    assert "Q4 2011/12 is open" in opened
    assert "Worry lists not started (2)" in opened  # the quarter page now says what is to come in

    client.post(reverse("setup:quarter_close", args=[planned.pk]))
    planned.refresh_from_db()
    assert planned.status == Quarter.Status.CLOSED

    reopen = reverse("setup:quarter_reopen", args=[planned.pk])
    refused = client.post(reopen, {"reason": "  "}).content.decode()
    assert 'id="id_reason_1_error"' in refused and "Enter why the quarter is being reopened" in refused
    planned.refresh_from_db()
    assert planned.status == Quarter.Status.CLOSED

    client.post(reopen, {"reason": "A figure for Q4 was entered against the wrong measure."})
    planned.refresh_from_db()
    assert planned.status == Quarter.Status.OPEN
    assert planned.history.first().history_change_reason.endswith("entered against the wrong measure.")


@pytest.mark.django_db
def test_the_organisation_is_set_up_in_the_products_own_pages(client, org):
    client.force_login(org.strategy_officer)
    client.post(
        reverse("setup:record_add", args=["services"]),
        {"name": "Libraries", "directorate": org.directorate.pk, "heads": [org.head.pk], "description": ""},
    )
    libraries = Service.objects.get(name="Libraries")
    assert list(libraries.heads.all()) == [org.head]
    client.post(
        reverse("setup:record_add", args=["groupings"]), {"name": "Culture", "services": [libraries.pk, org.service.pk]}
    )
    assert set(DmtGrouping.objects.get(name="Culture").services.all()) == {libraries, org.service}
    client.post(reverse("setup:record_add", args=["committees"]), {"name": "Governance and Audit Committee"})

    listed = client.get(reverse("setup:record_list", args=["services"])).content.decode()
    assert "Libraries" in listed and "Helen Price" in listed

    duplicate = client.post(
        reverse("setup:record_add", args=["committees"]), {"name": "Governance and Audit Committee"}
    ).content.decode()
    assert "There is already a committee with this name" in duplicate and 'id="id_name_1_error"' in duplicate
    assert Committee.objects.count() == 1

    no_directorate = client.post(reverse("setup:record_add", args=["services"]), {"name": "Museums"}).content.decode()
    assert "Choose the service&#x27;s directorate" in no_directorate
    assert not Service.objects.filter(name="Museums").exists()
    assert client.get(reverse("setup:record_list", args=["people"])).status_code == 404


@pytest.mark.django_db
def test_a_measure_with_only_a_target_this_quarter_counts_as_missing(org):
    quarter = _quarter()
    earlier = QuarterFactory(financial_year=quarter.financial_year, number=2, status=Quarter.Status.CLOSED)
    measure = MeasureFactory(plan=BusinessPlanFactory(service=org.service, financial_year=quarter.financial_year))
    MeasureFigureFactory(measure=measure, quarter=earlier, actual=4)
    MeasureFigureFactory(measure=measure, quarter=quarter, target=5, actual=None)
    assert services.what_is_missing(quarter).figures_missing == 1
    MeasureFigure.objects.filter(measure=measure, quarter=quarter).update(actual=6)
    assert services.what_is_missing(quarter).figures_missing == 0


@pytest.mark.django_db
def test_a_closed_quarter_opens_again_only_by_reopening_with_a_reason(client, org):
    client.force_login(org.strategy_officer)
    closed = QuarterFactory(financial_year=_quarter().financial_year, number=2, status=Quarter.Status.CLOSED)
    page = client.post(reverse("setup:quarter_open", args=[closed.pk]), follow=True).content.decode()
    assert "Q2 2011/12 is closed. To open it again, reopen it and say why." in page
    closed.refresh_from_db()
    assert closed.status == Quarter.Status.CLOSED

    reason = "The Q2 figures for three measures were entered against last year's plan. " * 10
    client.post(reverse("setup:quarter_reopen", args=[closed.pk]), {"reason": reason})
    closed.refresh_from_db()
    assert closed.status == Quarter.Status.OPEN
    assert closed.history.first().history_change_reason == f"Reopened by {org.strategy_officer}: {reason.strip()}"


@pytest.mark.django_db
def test_changing_a_service_keeps_a_head_who_no_longer_has_the_role(client, org):
    org.head.groups.clear()
    client.force_login(org.strategy_officer)
    url = reverse("setup:record_change", args=["services", org.service.pk])
    page = client.get(url).content.decode()
    checked = re.findall(r'<input[^>]*name="heads"[^>]*value="(\d+)"\s*checked', page)
    assert checked == [str(org.head.pk)]  # still offered, and still ticked
    client.post(
        url,
        {"name": org.service.name, "directorate": org.directorate.pk, "heads": [org.head.pk], "description": "New."},
    )
    org.service.refresh_from_db()
    assert list(org.service.heads.all()) == [org.head] and org.service.description == "New."


@pytest.mark.django_db
def test_a_year_that_came_with_benchmark_figures_is_given_its_quarters(client, org):
    year = FinancialYear.objects.create(start_year=2009)  # as a benchmark import makes it
    client.force_login(org.strategy_officer)
    assert "No quarters yet" in client.get(reverse("setup:set_up")).content.decode()
    client.post(reverse("setup:year_add"), {"start_year": "2009"})
    assert sorted(year.quarters.values_list("number", flat=True)) == [1, 2, 3, 4]
