"""Business plan, measure and scorecard pages: permission matrix, content, queries."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import BusinessPlan, Measure, MeasureFigure, Objective, Quarter
from perfmgmt.plans import selectors
from perfmgmt.rag import Polarity, Rag, rag_status
from tests.conftest import PERSONAS
from tests.factories import (
    BusinessPlanFactory,
    FinancialYearFactory,
    MeasureFactory,
    MeasureFigureFactory,
    ObjectiveFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org):
    plan = BusinessPlanFactory(service=org.service)
    objective = ObjectiveFactory(plan=plan, title="Raise attainment")
    measure = MeasureFactory(plan=plan, objective=objective, title="GCSE results", owner=org.head)
    MeasureFigureFactory(measure=measure, quarter=Quarter.objects.get(number=3), target=D("50"), actual=D("47"))
    FinancialYearFactory(start_year=2012)
    return plan


def urls(plan):
    measure = plan.measures.get()
    objective = plan.objectives.get()
    q3 = Quarter.objects.get(number=3)
    return {
        "plan_list": reverse("plans:plan_list"),
        "scorecard": reverse("plans:scorecard"),
        "scorecard_csv": reverse("plans:scorecard_csv"),
        "plan_detail": reverse("plans:plan_detail", args=[plan.pk]),
        "measure_detail": reverse("plans:measure_detail", args=[measure.pk]),
        "plan_start": reverse("plans:plan_start", args=[plan.service.pk, 2012]),
        "plan_purpose": reverse("plans:plan_purpose", args=[plan.pk]),
        "objective_add": reverse("plans:objective_add", args=[plan.pk]),
        "objective_edit": reverse("plans:objective_edit", args=[plan.pk, objective.pk]),
        "measure_add": reverse("plans:measure_add", args=[plan.pk]),
        "measure_edit": reverse("plans:measure_edit", args=[plan.pk, measure.pk]),
        "figure_edit": reverse("plans:figure_edit", args=[measure.pk, q3.pk]),
    }


SEE_ALL = {"strategy_officer", "contributor", "administrator"}
OWN_SIDE = {"head", "director"}
OTHER_SIDE = {"other_head", "other_director"}
NO_SERVICES = {"legal", "finance", "clerk", "member"}


def expected(view: str, persona: str) -> int:
    if view in {"plan_list", "scorecard", "scorecard_csv"}:
        return 403 if persona in NO_SERVICES else 200
    if persona in OTHER_SIDE | NO_SERVICES:
        return 404  # cannot see the service at all
    if view in {"plan_detail", "measure_detail"}:
        return 200
    if view == "figure_edit":
        return 200 if persona in {"head", "strategy_officer"} else 403
    # Starting and editing the plan: its head only.
    return 200 if persona == "head" else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_for_every_plan_page(client, org, plan, persona):
    client.force_login(org.persona(persona))
    for view, url in urls(plan).items():
        assert client.get(url).status_code == expected(view, persona), (view, persona)


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    for url in urls(plan).values():
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("persona", ["other_head", "other_director", "contributor", "clerk", "member", "administrator"])
def test_refused_posts_change_nothing(client, org, plan, persona):
    client.force_login(org.persona(persona))
    measure, objective = plan.measures.get(), plan.objectives.get()
    posts = {
        reverse("plans:plan_submit", args=[plan.pk]): {},
        reverse("plans:plan_agree", args=[plan.pk]): {},
        reverse("plans:plan_reopen", args=[plan.pk]): {},
        reverse("plans:plan_send_back", args=[plan.pk]): {"reason": "No"},
        reverse("plans:plan_purpose", args=[plan.pk]): {"purpose": "Hijacked"},
        reverse("plans:objective_delete", args=[plan.pk, objective.pk]): {},
        reverse("plans:measure_delete", args=[plan.pk, measure.pk]): {},
        reverse("plans:figure_edit", args=[measure.pk, Quarter.objects.get(number=3).pk]): {"actual": "1"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), url
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.DRAFT and plan.purpose != "Hijacked"
    assert Objective.objects.filter(pk=objective.pk).exists() and Measure.objects.filter(pk=measure.pk).exists()
    assert MeasureFigure.objects.get(measure=measure).actual == D("47")


def test_the_whole_loop_through_the_pages(client, org, plan):
    client.force_login(org.head)
    response = client.post(reverse("plans:plan_submit", args=[plan.pk]), follow=True)
    assert "Plan submitted to the Strategic Director" in response.content.decode()
    client.force_login(org.director)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Agree the plan" in page and "Send it back" in page
    response = client.post(reverse("plans:plan_send_back", args=[plan.pk]), {"reason": ""})
    assert "Say why the plan is being sent back" in response.content.decode()
    client.post(reverse("plans:plan_send_back", args=[plan.pk]), {"reason": "Add a reading measure."})
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.RETURNED
    client.force_login(org.head)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Add a reading measure." in page and "Sent back by Diane Ashworth" in page


def test_start_a_plan_from_last_year_through_the_page(client, org, plan):
    plan.status = BusinessPlan.Status.AGREED
    plan.save()
    client.force_login(org.head)
    page = client.get(reverse("plans:plan_start", args=[org.service.pk, 2012])).content.decode()
    assert "From last year" in page
    response = client.post(reverse("plans:plan_start", args=[org.service.pk, 2012]), {"start": "copy"})
    new = BusinessPlan.objects.get(financial_year__start_year=2012)
    assert response["Location"] == reverse("plans:plan_detail", args=[new.pk])
    assert new.measures.get().carried_from == plan.measures.get()


def test_measure_form_reports_bad_figures_next_to_the_field_and_saves_nothing(client, org, plan):
    client.force_login(org.head)
    data = {
        "title": "Reading at 11",
        "unit": "percentage",
        "polarity": "higher",
        "q1_target": "lots",
        "q2_target": "",
        "q3_target": "50%",
        "q4_target": "",
        "year_end_target": "",
        "amber_tolerance": "-1",
    }
    response = client.post(reverse("plans:measure_add", args=[plan.pk]), data)
    page = response.content.decode()
    assert "Enter a percentage as a number" in page
    assert "Enter a tolerance of 0 or more" in page
    assert 'id="id_q1_target-error"' in page or "govuk-error-message" in page
    assert not Measure.objects.filter(title="Reading at 11").exists()

    data.update(q1_target="40", amber_tolerance="2")
    response = client.post(reverse("plans:measure_add", args=[plan.pk]), data)
    measure = Measure.objects.get(title="Reading at 11")
    assert {f.quarter.number: f.target for f in measure.figures.select_related("quarter")} == {1: D("40"), 3: D("50")}


def test_red_figures_demand_commentary_on_the_page(client, org, plan):
    measure = plan.measures.get()
    url = reverse("plans:figure_edit", args=[measure.pk, Quarter.objects.get(number=3).pk])
    client.force_login(org.head)
    response = client.post(url, {"actual": "30", "commentary": "", "forecast": ""})
    page = response.content.decode()
    assert "This measure is red. Explain why" in page
    assert 'class="govuk-error-summary"' in page
    assert MeasureFigure.objects.get(measure=measure).actual == D("47")
    response = client.post(url, {"actual": "30", "commentary": "Two schools closed.", "forecast": "red"})
    assert response.status_code == 302
    figure = MeasureFigure.objects.get(measure=measure)
    assert (figure.actual, figure.forecast) == (D("30"), "red")


def test_closed_quarter_asks_for_a_correction_reason(client, org, plan):
    measure = plan.measures.get()
    Quarter.objects.filter(number=3).update(status=Quarter.Status.CLOSED)
    url = reverse("plans:figure_edit", args=[measure.pk, Quarter.objects.get(number=3).pk])
    client.force_login(org.head)
    assert "Reason for the correction" in client.get(url).content.decode()
    page = client.post(url, {"actual": "52", "commentary": ""}).content.decode()
    assert "is closed. Say why this figure is being corrected" in page
    assert MeasureFigure.objects.get(measure=measure).actual == D("47")


def test_plan_page_shows_status_now_and_forecast_separately(client, org, plan):
    figure = MeasureFigure.objects.get()
    figure.forecast = "green"
    figure.save()
    client.force_login(org.head)
    page = client.get(reverse("plans:measure_detail", args=[plan.measures.get().pk])).content.decode()
    assert "app-rag--amber" in page  # 47 against 50 with a tolerance of 5
    assert "Green: on track to meet the year-end target" in page


def test_measure_page_has_a_chart_with_its_text_alternative_and_the_data_table(client, org, plan):
    client.force_login(org.head)
    page = client.get(reverse("plans:measure_detail", args=[plan.measures.get().pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "<title id=" in page and "GCSE results: actual against target by quarter</title>" in page
    assert "Q3 2011/12: actual 47%, target 50%" in page
    assert "<circle" in page  # the target point
    assert '<th scope="row" class="govuk-table__header">Q3 2011/12</th>' in page


def test_user_text_in_a_chart_is_escaped(client, org, plan):
    measure = plan.measures.get()
    measure.title = '<script>alert(1)</script> & "quotes"'
    measure.save()
    client.force_login(org.head)
    page = client.get(reverse("plans:measure_detail", args=[measure.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_scorecard_puts_red_first_and_filters_by_status_and_directorate(client, org, plan):
    other_plan = BusinessPlanFactory(service=org.other_service)
    green = MeasureFactory(plan=other_plan, title="Green measure")
    MeasureFigureFactory(measure=green, quarter=Quarter.objects.get(number=3), target=D("10"), actual=D("12"))
    red = MeasureFactory(plan=plan, title="Red measure")
    MeasureFigureFactory(
        measure=red, quarter=Quarter.objects.get(number=3), target=D("50"), actual=D("10"), commentary="Falling"
    )
    client.force_login(org.strategy_officer)
    rows = client.get(reverse("plans:scorecard")).context["rows"]
    assert [row.measure.title for row in rows] == ["Red measure", "GCSE results", "Green measure"]
    rows = client.get(reverse("plans:scorecard"), {"rag": "green"}).context["rows"]
    assert [row.measure.title for row in rows] == ["Green measure"]
    rows = client.get(reverse("plans:scorecard"), {"directorate": org.directorate.pk}).context["rows"]
    assert {row.measure.title for row in rows} == {"Red measure", "GCSE results"}
    rows = client.get(reverse("plans:scorecard"), {"service": org.other_service.pk}).context["rows"]
    assert [row.measure.title for row in rows] == ["Green measure"]


def test_scorecard_service_filter_offers_only_services_the_person_can_see(client, org, plan):
    client.force_login(org.head)
    assert list(client.get(reverse("plans:scorecard")).context["form"].fields["service"].queryset) == [org.service]
    rows = client.get(reverse("plans:scorecard"), {"service": org.other_service.pk}).context["rows"]
    assert [row.measure.title for row in rows] == ["GCSE results"]  # not allowed: the filter is ignored


def test_scorecard_shows_a_head_only_their_own_measures(client, org, plan):
    MeasureFactory(plan=BusinessPlanFactory(service=org.other_service), title="Not yours")
    client.force_login(org.head)
    page = client.get(reverse("plans:scorecard")).content.decode()
    assert "GCSE results" in page and "Not yours" not in page


def test_scorecard_csv_matches_the_page_and_neutralises_formulas(client, org, plan):
    measure = plan.measures.get()
    measure.title = '=HYPERLINK("http://evil")'
    measure.save()
    MeasureFigure.objects.filter(measure=measure).update(commentary="@SUM(A1:A2)")
    client.force_login(org.strategy_officer)
    page_rows = client.get(reverse("plans:scorecard"), {"rag": "amber"}).context["rows"]
    response = client.get(reverse("plans:scorecard_csv"), {"rag": "amber"})
    assert response["Content-Disposition"] == 'attachment; filename="scorecard-q3-2011-12.csv"'
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Directorate", "Service", "Measure"]
    assert len(rows) - 1 == len(page_rows) == 1
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    assert rows[1][4:7] == ["47.0000", "50.0000", "Amber"]
    assert rows[1][-1] == "'@SUM(A1:A2)"


def add_measures(org, services: int, measures_each: int):
    for _ in range(services):
        service = ServiceFactory(directorate=org.directorate, heads=[org.head])
        plan = BusinessPlanFactory(service=service)
        last_year = BusinessPlanFactory(service=service, financial_year=FinancialYearFactory(start_year=2010))
        for _ in range(measures_each):
            old = MeasureFactory(plan=last_year)
            measure = MeasureFactory(plan=plan, carried_from=old, owner=UserFactory())
            for number in (1, 2, 3):
                MeasureFigureFactory(
                    measure=measure,
                    quarter=Quarter.objects.get_or_create(financial_year=plan.financial_year, number=number)[0],
                    actual=D(number),
                )


@pytest.mark.parametrize("persona", ["head", "strategy_officer"])
def test_scorecard_query_count_does_not_grow_with_services_or_measures(client, org, plan, persona):
    client.force_login(org.persona(persona))
    url = reverse("plans:scorecard")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    add_measures(org, services=4, measures_each=3)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.context["listing"].total == 13
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_plan_and_measure_pages_query_count_does_not_grow(client, org, plan):
    client.force_login(org.head)
    plan_url = reverse("plans:plan_detail", args=[plan.pk])
    measure_url = reverse("plans:measure_detail", args=[plan.measures.get().pk])
    counts = {}
    for size in ("small", "large"):
        if size == "large":
            for _ in range(6):
                measure = MeasureFactory(plan=plan, owner=UserFactory(), objective=ObjectiveFactory(plan=plan))
                for number in (1, 2, 3):
                    MeasureFigureFactory(
                        measure=measure,
                        quarter=Quarter.objects.get_or_create(financial_year=plan.financial_year, number=number)[0],
                        actual=D(number),
                    )
        for url in (plan_url, measure_url):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[(size, url)] = len(queries)
    assert counts[("small", plan_url)] == counts[("large", plan_url)]
    assert counts[("small", measure_url)] == counts[("large", measure_url)]


def test_plan_list_offers_the_head_to_start_missing_plans(client, org, plan):
    client.force_login(org.head)
    page = client.get(reverse("plans:plan_list"), {"year": 2012}).content.decode()
    assert reverse("plans:plan_start", args=[org.service.pk, 2012]) in page
    client.force_login(org.director)
    page = client.get(reverse("plans:plan_list"), {"year": 2012}).content.decode()
    assert reverse("plans:plan_start", args=[org.service.pk, 2012]) not in page


def test_the_database_gives_every_measure_the_status_rag_status_gives_it_on_the_boundaries(org, plan):
    """The scorecard is filtered, ordered and counted in SQL: it must agree with the rule."""
    quarter = Quarter.objects.get(number=3)
    cases = [
        (polarity, tolerance, target, actual)
        for polarity in Polarity
        for tolerance in (None, D("0"), D("5"))
        for target, actual in [
            (D("50"), D("50")),
            (D("50"), D("45")),
            (D("50"), D("44.9999")),
            (D("50"), D("55")),
            (D("50"), D("55.0001")),
            (D("50"), None),
            (None, D("50")),
        ]
    ]
    # Misses of exactly the tolerance in numbers a float cannot hold (SQLite keeps decimals so).
    cases += [
        (Polarity.HIGHER_IS_BETTER, D("0.1"), D("1.1"), D("1.0")),
        (Polarity.HIGHER_IS_BETTER, D("1.9"), D("95"), D("93.1")),
        (Polarity.LOWER_IS_BETTER, D("0.1"), D("1.0"), D("1.1")),
    ]
    for polarity, tolerance, target, actual in cases:
        measure = MeasureFactory(plan=plan, polarity=polarity, amber_tolerance=tolerance)
        MeasureFigureFactory(measure=measure, quarter=quarter, target=target, actual=actual)
    MeasureFactory(plan=plan)  # no figure at all for the quarter
    measures = list(selectors.council_scorecard(quarter))
    assert len(measures) == len(cases) + 2
    for measure in selectors.scorecard_measures(quarter):
        figure = measure.figures.filter(quarter=quarter).first()
        expected = rag_status(
            actual=figure and figure.actual,
            target=figure and figure.target,
            tolerance=measure.amber_tolerance,
            polarity=measure.polarity,
        )
        assert measure.rag == expected.value, (measure.polarity, measure.amber_tolerance, figure and figure.actual)
    severities = [row.rag.severity for row in measures]
    assert severities == sorted(severities)  # red first, no data last
    counts = selectors.scorecard_counts(selectors.scorecard_measures(quarter))
    assert counts == {rag: sum(1 for row in measures if row.rag == rag) for rag in Rag} and counts[Rag.RED] > 0
    reds = selectors.scorecard_measures(quarter, rag=Rag.RED)
    assert {m.pk for m in reds} == {row.measure.pk for row in measures if row.rag == Rag.RED}
