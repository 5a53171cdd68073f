"""Direction of travel across years, locked closed quarters, and the plan's decision record."""

import re
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt import charts
from perfmgmt.benchmarks import csv_import as benchmark_csv
from perfmgmt.benchmarks.services import apply_benchmark_rows
from perfmgmt.models import BusinessPlan, Measure, MeasureFigure, Quarter
from perfmgmt.plans import selectors, services
from perfmgmt.rag import Direction
from tests.factories import (
    AgreedPlanFactory,
    BusinessPlanFactory,
    FinancialYearFactory,
    MeasureFactory,
    MeasureFigureFactory,
    ObjectiveFactory,
    QuarterFactory,
    SubmittedPlanFactory,
)

pytestmark = pytest.mark.django_db


def scorecard(user, quarter):
    """The scorecard's rows, as its page draws them."""
    return selectors.scorecard_rows(selectors.scorecard(user, quarter), quarter)


def two_years(org, *, polarity="higher"):
    """A measure in 2010/11 carried into 2011/12, with actuals in every quarter so far."""
    last_year = BusinessPlanFactory(service=org.service, financial_year=FinancialYearFactory(start_year=2010))
    this_year = BusinessPlanFactory(service=org.service)
    old = MeasureFactory(plan=last_year, polarity=polarity)
    new = MeasureFactory(plan=this_year, polarity=polarity, carried_from=old)
    actuals = {(2010, 1): 10, (2010, 2): 11, (2010, 3): 12, (2010, 4): 13, (2011, 1): 14, (2011, 2): 14, (2011, 3): 9}
    for (year, number), actual in actuals.items():
        quarter = QuarterFactory(
            financial_year=FinancialYearFactory(start_year=year), number=number, status=Quarter.Status.CLOSED
        )
        MeasureFigureFactory(measure=new if year == 2011 else old, quarter=quarter, actual=D(actual))
    Quarter.objects.filter(financial_year__start_year=2011, number=3).update(status=Quarter.Status.OPEN)
    return new


@pytest.mark.parametrize(
    ("polarity", "year_on_year"), [("higher", Direction.WORSENING), ("lower", Direction.IMPROVING)]
)
def test_same_quarter_last_year_follows_the_measure_into_last_years_plan(org, polarity, year_on_year):
    two_years(org, polarity=polarity)
    q3 = Quarter.objects.get(financial_year__start_year=2011, number=3)
    row = scorecard(org.strategy_officer, q3)[0]
    assert row.since_last_year == year_on_year  # 9 against 12
    assert row.trend == [D(10), D(11), D(12), D(13), D(14), D(14), D(9)]


@pytest.mark.parametrize(("polarity", "expected"), [("higher", Direction.IMPROVING), ("lower", Direction.WORSENING)])
def test_q1_compares_with_q4_of_last_years_plan(org, polarity, expected):
    two_years(org, polarity=polarity)
    q1 = Quarter.objects.get(financial_year__start_year=2011, number=1)
    row = scorecard(org.strategy_officer, q1)[0]
    assert row.since_last_quarter == expected  # 14 against 13


def test_q2_compares_within_the_year(org):
    two_years(org)
    q2 = Quarter.objects.get(financial_year__start_year=2011, number=2)
    assert scorecard(org.strategy_officer, q2)[0].since_last_quarter == Direction.SAME


def test_without_last_years_measure_there_is_no_comparison(org):
    plan = BusinessPlanFactory(service=org.service)
    measure = MeasureFactory(plan=plan)
    MeasureFigureFactory(measure=measure, quarter=Quarter.objects.get(number=3), actual=D(5))
    row = scorecard(org.strategy_officer, Quarter.objects.get(number=3))[0]
    assert row.since_last_year == Direction.NO_DATA
    assert row.since_last_quarter == Direction.NO_DATA


def test_sparkline_says_its_values_and_escapes_text():
    svg = charts.sparkline([D(1), None, D(3), D(2)], 'Last 4 quarters: <b>"1"</b>')
    assert "&lt;b&gt;&quot;1&quot;&lt;/b&gt;" in svg
    # 3 and 2 are joined; 1 is a dot, bridged to 3 by a dashed line across the missing quarter.
    assert svg.count('stroke-width="2"') == 1 and svg.count("<circle") == 1
    assert svg.count('stroke-dasharray="2 2"') == 1


def test_a_sparkline_of_two_figures_with_a_gap_is_still_a_line():
    svg = charts.sparkline([D(4), None, None, D(6)], "trend")
    assert svg.count("<circle") == 2 and svg.count('stroke-dasharray="2 2"') == 1


def _text_y(svg: str, label: str) -> float:
    return float(re.search(rf'<text[^>]*\sy="([-0-9.]+)"[^>]*>{label}</text>', svg).group(1))


def test_rank_chart_draws_rank_one_at_the_top_and_labels_each_point():
    svg = charts.rank_chart("GCSE", [("2009/10", 150, 152), ("2010/11", 148, 152)]).svg
    assert "2009/10: ranked 150 of 152; 2010/11: ranked 148 of 152." in svg
    # SVG y grows downwards: the axis runs from 1 at the top to the 152 authorities at the bottom.
    assert _text_y(svg, "1") < _text_y(svg, "148 of 152") < _text_y(svg, "150 of 152") < _text_y(svg, "152")


@pytest.mark.parametrize("out_of", [4, 16, 33, 152, 353])
def test_rank_axis_labels_never_overlap(out_of):
    svg = charts.rank_chart("Any", [("2009/10", out_of - 1, out_of), ("2010/11", out_of, out_of)]).svg
    ticks = sorted(float(y) for y in re.findall(r'<text x="60" y="([-0-9.]+)"', svg))
    assert len(ticks) >= 2 and min(b - a for a, b in zip(ticks, ticks[1:], strict=False)) >= charts.MIN_TICK_GAP
    assert ">1</text>" in svg and f">{out_of}</text>" in svg


@pytest.fixture
def closed_q1(org):
    plan = BusinessPlanFactory(service=org.service)
    ObjectiveFactory(plan=plan)
    measure = MeasureFactory(plan=plan)
    q1 = QuarterFactory(number=1, status=Quarter.Status.CLOSED)
    MeasureFigureFactory(measure=measure, quarter=q1, target=D(40), actual=D(41))
    return plan, measure


def test_a_closed_quarters_target_cannot_change_even_in_a_reopened_plan(org, closed_q1):
    plan, measure = closed_q1
    with pytest.raises(ValidationError) as error:
        services.save_measure(plan=plan, by=org.head, measure=measure, quarterly_targets={1: D(30)}, title="x")
    assert "q1_target" in error.value.message_dict
    assert MeasureFigure.objects.get(measure=measure).target == D(40)
    assert Measure.objects.get(pk=measure.pk).title != "x"


@pytest.mark.parametrize(("field", "value"), [("polarity", "lower"), ("amber_tolerance", D(50)), ("unit", "number")])
def test_what_decides_a_closed_quarters_status_cannot_change(org, closed_q1, field, value):
    plan, measure = closed_q1
    with pytest.raises(ValidationError) as error:
        services.save_measure(plan=plan, by=org.head, measure=measure, quarterly_targets={}, **{field: value})
    assert field in error.value.message_dict


def test_other_changes_are_still_allowed_and_a_measure_with_closed_figures_is_kept(org, closed_q1):
    plan, measure = closed_q1
    services.save_measure(
        plan=plan, by=org.head, measure=measure, quarterly_targets={1: D(40), 2: D(45)}, title="Renamed"
    )
    assert Measure.objects.get(pk=measure.pk).title == "Renamed"
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.delete_measure(measure=measure, by=org.head)
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_a_resubmitted_plan_is_not_shown_as_agreed(client, org):
    plan = BusinessPlanFactory(service=org.service)
    ObjectiveFactory(plan=plan)
    MeasureFactory(plan=plan)
    services.submit_plan(plan=plan, by=org.head)
    services.send_back_plan(plan=plan, by=org.director, reason="More detail")
    services.submit_plan(plan=plan, by=org.head)
    client.force_login(org.director)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Agreed" not in page.split("<h2")[0].replace("Agree the plan", "")
    plan.refresh_from_db()
    assert plan.decided_by is None
    assert plan.history.filter(history_change_reason__startswith="Sent back").exists()


TRANSITIONS = [
    ("plans:plan_agree", SubmittedPlanFactory, {}),
    ("plans:plan_send_back", SubmittedPlanFactory, {"reason": "No"}),
    ("plans:plan_reopen", AgreedPlanFactory, {}),
    ("plans:plan_submit", BusinessPlanFactory, {}),
]
# Who may take each step: the directorate's director decides, the head submits and reopens.
ALLOWED = {
    "plans:plan_agree": "director",
    "plans:plan_send_back": "director",
    "plans:plan_reopen": "head",
    "plans:plan_submit": "head",
}


@pytest.mark.parametrize(("url_name", "factory", "data"), TRANSITIONS)
@pytest.mark.parametrize(
    "persona",
    [
        "head",
        "other_head",
        "director",
        "other_director",
        "strategy_officer",
        "contributor",
        "clerk",
        "member",
        "administrator",
    ],
)
def test_each_plan_step_is_refused_to_everyone_but_its_owner_in_the_right_state(
    client, org, url_name, factory, data, persona
):
    plan = factory(service=org.service)
    ObjectiveFactory(plan=plan)
    MeasureFactory(plan=plan)
    before = plan.status
    client.force_login(org.persona(persona))
    response = client.post(reverse(url_name, args=[plan.pk]), data)
    plan.refresh_from_db()
    if ALLOWED[url_name] == persona:
        assert response.status_code == 302 and plan.status != before
    else:
        assert response.status_code in (403, 404), (url_name, persona, response.status_code)
        assert plan.status == before


@pytest.mark.parametrize("persona", ["other_head", "director", "strategy_officer", "contributor", "administrator"])
def test_only_the_head_can_post_plan_edits(client, org, persona):
    plan = BusinessPlanFactory(service=org.service)
    objective = ObjectiveFactory(plan=plan, title="Kept")
    measure = MeasureFactory(plan=plan, title="Kept measure")
    client.force_login(org.persona(persona))
    posts = {
        reverse("plans:objective_add", args=[plan.pk]): {"title": "New", "success": "x"},
        reverse("plans:objective_edit", args=[plan.pk, objective.pk]): {"title": "Changed", "success": "x"},
        reverse("plans:measure_add", args=[plan.pk]): {"title": "New", "unit": "number", "polarity": "higher"},
        reverse("plans:measure_edit", args=[plan.pk, measure.pk]): {
            "title": "Changed",
            "unit": "number",
            "polarity": "higher",
        },
        reverse("plans:plan_start", args=[org.service.pk, 2011]): {"start": "empty"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code in (403, 404), url
    assert list(plan.objectives.values_list("title", flat=True)) == ["Kept"]
    assert list(plan.measures.values_list("title", flat=True)) == ["Kept measure"]
    assert BusinessPlan.objects.count() == 1


HEADER = ",".join(benchmark_csv.COLUMNS)


def csv_rows(count: int) -> str:
    return "\n".join(
        [HEADER]
        + [f"I{n // 2},Title {n // 2},number,higher,,,{2009 + n % 2}/{(10 + n % 2):02d},{n},,,,," for n in range(count)]
    )


def test_reimporting_unchanged_rows_costs_a_fixed_number_of_queries(org):
    rows = benchmark_csv.parse(csv_rows(200)).rows
    apply_benchmark_rows(rows=rows, by=org.strategy_officer, reason="first")
    with CaptureQueriesContext(connection) as few:
        apply_benchmark_rows(rows=rows[:10], by=org.strategy_officer, reason="again")
    with CaptureQueriesContext(connection) as many:
        outcomes = apply_benchmark_rows(rows=rows, by=org.strategy_officer, reason="again")
    assert outcomes["unchanged"] == 200
    assert len(few) == len(many)


def test_codes_match_regardless_of_case_and_bad_quotes_are_reported():
    parsed = benchmark_csv.parse(
        "\n".join([HEADER, "k1,T,number,higher,,,2010/11,1,,,,,", "K1,T,number,higher,,,2010/11,2,,,,,"])
    )
    assert [problem.message for problem in parsed.problems] == ["K1 for this period is already on row 2"]
    parsed = benchmark_csv.parse("\n".join([HEADER, 'X,"unclosed,number,higher,,,2010/11,1,,,,,']))
    assert "quote mark that is not closed" in parsed.problems[0].message


def test_echoed_cells_are_cut_short():
    parsed = benchmark_csv.parse("\n".join([HEADER, "X,T,number,higher,,,2010/11," + "9" * 20 + "x" * 200 + ",,,,,"]))
    assert len(parsed.problems[0].message) < 80


def test_plan_history_shows_changes_to_objectives_measures_and_figures_with_who(client, org):
    plan = BusinessPlanFactory(service=org.service)
    objective = services.save_objective(
        plan=plan, by=org.head, title="Raise attainment", success="Better", standards=""
    )
    services.save_measure(
        plan=plan,
        by=org.head,
        quarterly_targets={3: D(50)},
        title="GCSE",
        unit="percentage",
        polarity="higher",
        objective=objective,
    )
    services.record_figure(
        measure=plan.measures.get(),
        quarter=Quarter.objects.get(number=3),
        by=org.head,
        actual=D(55),
        commentary="",
        forecast="",
    )
    client.force_login(org.director)
    page = client.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    history = page.split('<h2 class="govuk-heading-m">History</h2>')[1]
    for item in ["Objective: Raise attainment", "Measure: GCSE", "Figures: Q3 2011/12"]:
        assert item in history
    assert f"Entered by {org.head}" in history and "Helen Price" in history
