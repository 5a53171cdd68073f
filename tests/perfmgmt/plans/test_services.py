"""Business plan workflow and quarterly figures, through the service functions."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perfmgmt.models import BusinessPlan, Measure, MeasureFigure, Quarter
from perfmgmt.plans import services
from tests.factories import (
    BusinessPlanFactory,
    FinancialYearFactory,
    MeasureFactory,
    MeasureFigureFactory,
    ObjectiveFactory,
    QuarterFactory,
)


@pytest.fixture
def plan(org):
    plan = BusinessPlanFactory(service=org.service)
    ObjectiveFactory(plan=plan)
    MeasureFactory(plan=plan)
    return plan


@pytest.mark.django_db
def test_head_of_service_submits_and_director_agrees_each_step_stamped(org, plan):
    services.submit_plan(plan=plan, by=org.head)
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.SUBMITTED
    assert plan.submitted_by == org.head and plan.submitted_at is not None

    services.agree_plan(plan=plan, by=org.director)
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.AGREED
    assert plan.decided_by == org.director and plan.decided_at is not None
    reasons = list(plan.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == [f"Agreed by {org.director}", f"Submitted by {org.head}"]


@pytest.mark.django_db
def test_director_sends_back_with_a_reason_and_the_head_can_edit_again(org, plan):
    services.submit_plan(plan=plan, by=org.head)
    with pytest.raises(ValidationError):
        services.send_back_plan(plan=plan, by=org.director, reason="  ")
    services.send_back_plan(plan=plan, by=org.director, reason="Add a measure for GCSE results.")
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.RETURNED
    assert plan.return_reason == "Add a measure for GCSE results."
    assert plan.decided_by == org.director
    services.update_plan(plan=plan, by=org.head, purpose="Better")
    services.submit_plan(plan=plan, by=org.head)
    plan.refresh_from_db()
    assert plan.return_reason == ""


@pytest.mark.django_db
def test_an_agreed_plan_is_read_only(org, plan):
    services.submit_plan(plan=plan, by=org.head)
    services.agree_plan(plan=plan, by=org.director)
    measure = plan.measures.get()
    with pytest.raises(PermissionDenied, match="agreed"):
        services.update_plan(plan=plan, by=org.head, purpose="Changed")
    with pytest.raises(PermissionDenied):
        services.save_objective(plan=plan, by=org.head, title="New", success="x", standards="")
    with pytest.raises(PermissionDenied):
        services.delete_measure(measure=measure, by=org.head)
    plan.refresh_from_db()
    assert plan.purpose == "To raise standards in every school."
    assert plan.objectives.count() == 1 and plan.measures.count() == 1


@pytest.mark.django_db
def test_a_change_after_agreement_goes_round_the_loop_again_with_history(org, plan):
    services.submit_plan(plan=plan, by=org.head)
    services.agree_plan(plan=plan, by=org.director)
    services.reopen_plan(plan=plan, by=org.head)
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.DRAFT
    services.update_plan(plan=plan, by=org.head, purpose="Revised purpose")
    services.submit_plan(plan=plan, by=org.head)
    services.agree_plan(plan=plan, by=org.director)
    statuses = list(plan.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-6:] == ["submitted", "agreed", "draft", "draft", "submitted", "agreed"]


@pytest.mark.django_db
def test_a_director_of_another_directorate_cannot_agree_it(org, plan):
    services.submit_plan(plan=plan, by=org.head)
    with pytest.raises(PermissionDenied):
        services.agree_plan(plan=plan, by=org.other_director)
    with pytest.raises(PermissionDenied):
        services.send_back_plan(plan=plan, by=org.other_director, reason="No")
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.SUBMITTED
    assert plan.decided_by is None


@pytest.mark.parametrize("persona", ["other_head", "director", "strategy_officer", "clerk", "administrator"])
@pytest.mark.django_db
def test_only_the_head_of_service_edits_or_submits_the_plan(org, plan, persona):
    with pytest.raises(PermissionDenied):
        services.update_plan(plan=plan, by=org.persona(persona), purpose="Hijacked")
    with pytest.raises(PermissionDenied):
        services.submit_plan(plan=plan, by=org.persona(persona))
    plan.refresh_from_db()
    assert plan.status == BusinessPlan.Status.DRAFT and plan.purpose != "Hijacked"


@pytest.mark.django_db
def test_a_plan_without_objectives_or_measures_cannot_be_submitted(org):
    plan = BusinessPlanFactory(service=org.service)
    with pytest.raises(ValidationError, match="at least one objective and one measure"):
        services.submit_plan(plan=plan, by=org.head)


@pytest.mark.django_db
def test_a_draft_cannot_be_agreed(org, plan):
    with pytest.raises(ValidationError):
        services.agree_plan(plan=plan, by=org.director)


@pytest.mark.django_db
def test_start_from_last_year_copies_objectives_and_measures_not_figures(org):
    last = BusinessPlanFactory(service=org.service, financial_year=FinancialYearFactory(start_year=2010))
    objective = ObjectiveFactory(plan=last, title="Raise GCSE attainment")
    measure = MeasureFactory(plan=last, objective=objective, title="5 A*-C GCSEs", year_end_target=D("55"))
    MeasureFigureFactory(measure=measure, quarter=QuarterFactory(financial_year=last.financial_year), actual=D("48"))

    plan = services.start_plan(
        service=org.service, financial_year=FinancialYearFactory(start_year=2011), by=org.head, copy_last_year=True
    )
    copied = plan.measures.get()
    assert plan.started_from == last
    assert plan.objectives.get().title == "Raise GCSE attainment"
    assert copied.title == "5 A*-C GCSEs" and copied.objective.plan == plan
    assert copied.carried_from == measure
    assert copied.year_end_target is None
    assert not copied.figures.exists()
    assert Quarter.objects.filter(financial_year=plan.financial_year).count() == 4


@pytest.mark.django_db
def test_a_service_has_only_one_plan_a_year(org, plan):
    with pytest.raises(ValidationError, match="already has a business plan"):
        services.start_plan(service=org.service, financial_year=plan.financial_year, by=org.head, copy_last_year=False)


@pytest.mark.django_db
def test_only_its_head_can_start_a_service_plan(org):
    with pytest.raises(PermissionDenied):
        services.start_plan(
            service=org.service, financial_year=FinancialYearFactory(), by=org.other_head, copy_last_year=False
        )
    assert not BusinessPlan.objects.exists()


@pytest.mark.django_db
def test_save_measure_sets_quarterly_targets(org, plan):
    measure = services.save_measure(
        plan=plan,
        by=org.head,
        quarterly_targets={1: D("40"), 2: D("45"), 3: D("50"), 4: None},
        title="Apprentices",
        definition="",
        unit="number",
        polarity="higher",
        year_end_target=D("60"),
        amber_tolerance=D("2"),
        data_source="HR system",
        owner=org.head,
        objective=None,
    )
    targets = {figure.quarter.number: figure.target for figure in measure.figures.select_related("quarter")}
    assert targets == {1: D("40"), 2: D("45"), 3: D("50")}


@pytest.mark.django_db
def test_a_measure_cannot_hang_off_another_plans_objective(org, plan):
    other = ObjectiveFactory()
    with pytest.raises(ValidationError):
        services.save_measure(
            plan=plan, by=org.head, quarterly_targets={}, title="x", unit="number", polarity="higher", objective=other
        )


# Figures ------------------------------------------------------------------------------


@pytest.fixture
def measure(plan):
    measure = plan.measures.get()
    MeasureFigureFactory(measure=measure, quarter=Quarter.objects.get(number=3), target=D("50"))
    return measure


def q3():
    return Quarter.objects.get(number=3)


@pytest.mark.django_db
def test_a_red_figure_demands_commentary_and_saves_nothing_without_it(org, measure):
    with pytest.raises(ValidationError) as error:
        services.record_figure(measure=measure, quarter=q3(), by=org.head, actual=D("30"), commentary="", forecast="")
    assert "commentary" in error.value.message_dict
    assert MeasureFigure.objects.get(measure=measure).actual is None

    figure = services.record_figure(
        measure=measure, quarter=q3(), by=org.head, actual=D("30"), commentary="Two schools closed.", forecast="red"
    )
    assert figure.actual == D("30") and figure.entered_by == org.head and figure.forecast == "red"


@pytest.mark.django_db
def test_a_green_figure_needs_no_commentary(org, measure):
    figure = services.record_figure(
        measure=measure, quarter=q3(), by=org.head, actual=D("55"), commentary="", forecast=""
    )
    assert figure.actual == D("55")


@pytest.mark.django_db
def test_the_strategy_unit_may_enter_any_services_figures_others_may_not(org, measure):
    services.record_figure(
        measure=measure, quarter=q3(), by=org.strategy_officer, actual=D("51"), commentary="", forecast=""
    )
    for persona in ["other_head", "director", "contributor", "clerk", "member"]:
        with pytest.raises(PermissionDenied):
            services.record_figure(
                measure=measure, quarter=q3(), by=org.persona(persona), actual=D("1"), commentary="x", forecast=""
            )
    assert MeasureFigure.objects.get(measure=measure).actual == D("51")


@pytest.mark.django_db
def test_closed_quarter_figures_change_only_with_a_recorded_reason(org, measure):
    services.record_figure(measure=measure, quarter=q3(), by=org.head, actual=D("55"), commentary="", forecast="")
    Quarter.objects.filter(number=3).update(status=Quarter.Status.CLOSED)
    with pytest.raises(ValidationError) as error:
        services.record_figure(measure=measure, quarter=q3(), by=org.head, actual=D("56"), commentary="", forecast="")
    assert "correction_reason" in error.value.message_dict
    assert MeasureFigure.objects.get(measure=measure).actual == D("55")

    services.record_figure(
        measure=measure,
        quarter=q3(),
        by=org.head,
        actual=D("56"),
        commentary="",
        forecast="",
        correction_reason="Late returns from two schools",
    )
    figure = MeasureFigure.objects.get(measure=measure)
    assert figure.actual == D("56")
    assert figure.history.first().history_change_reason == f"Correction by {org.head}: Late returns from two schools"


@pytest.mark.django_db
def test_a_planned_quarter_takes_no_figures(org, measure):
    q4 = QuarterFactory(number=4, status=Quarter.Status.PLANNED)
    with pytest.raises(ValidationError, match="has not opened yet"):
        services.record_figure(measure=measure, quarter=q4, by=org.head, actual=D("1"), commentary="", forecast="")


@pytest.mark.django_db
def test_figures_belong_to_the_plans_year(org, measure):
    other_year = QuarterFactory(financial_year=FinancialYearFactory(start_year=2012), number=1, status="open")
    with pytest.raises(ValidationError, match="not in this plan's year"):
        services.record_figure(
            measure=measure, quarter=other_year, by=org.head, actual=D("1"), commentary="", forecast=""
        )
    assert Measure.objects.get(pk=measure.pk).figures.count() == 1
