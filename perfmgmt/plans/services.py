"""Writes for business plans: starting, editing, the agreement workflow, and quarterly
figures (locked once their quarter is closed)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from perfmgmt import workflow
from perfmgmt.history import save_with_history
from perfmgmt.models import (
    BusinessPlan,
    FinancialYear,
    Measure,
    MeasureFigure,
    Objective,
    Quarter,
    Service,
    User,
)
from perfmgmt.permissions import is_director_of, is_head_of
from perfmgmt.plans import permissions
from perfmgmt.rag import Rag, rag_status
from perfmgmt.services import ensure_quarters


@transaction.atomic
def start_plan(*, service: Service, financial_year: FinancialYear, by: User, copy_last_year: bool) -> BusinessPlan:
    """Start a service's plan for a year, empty or from last year's (objectives and
    measures copied, figures and targets not)."""
    if not is_head_of(by, service):
        raise PermissionDenied("Only the head of service can start its business plan.")
    if BusinessPlan.objects.filter(service=service, financial_year=financial_year).exists():
        raise ValidationError(f"{service} already has a business plan for {financial_year}.")
    ensure_quarters(financial_year=financial_year)
    last_year = (
        BusinessPlan.objects.filter(service=service, financial_year__start_year=financial_year.start_year - 1)
        .prefetch_related("objectives", "measures")
        .first()
    )
    if copy_last_year and last_year is None:
        raise ValidationError(f"{service} has no business plan for {financial_year.start_year - 1} to start from.")
    plan = BusinessPlan(service=service, financial_year=financial_year)
    try:
        with transaction.atomic():
            save_with_history(plan, f"Started by {by}" if not copy_last_year else f"Started from last year by {by}", by)
    except IntegrityError:  # someone started it a moment ago
        raise ValidationError(f"{service} already has a business plan for {financial_year}.") from None
    if not copy_last_year:
        return plan
    plan.purpose = last_year.purpose
    plan.started_from = last_year
    save_with_history(plan, f"Purpose and links copied from {last_year.financial_year} by {by}", by)
    new_objectives = {}
    for objective in last_year.objectives.all():
        new_objectives[objective.pk] = Objective(
            plan=plan,
            title=objective.title,
            success=objective.success,
            standards=objective.standards,
            position=objective.position,
        )
        save_with_history(new_objectives[objective.pk], f"Copied from {last_year.financial_year}", by)
    for measure in last_year.measures.all():
        copy = Measure(
            plan=plan,
            objective=new_objectives.get(measure.objective_id),
            title=measure.title,
            definition=measure.definition,
            unit=measure.unit,
            polarity=measure.polarity,
            amber_tolerance=measure.amber_tolerance,
            data_source=measure.data_source,
            owner=measure.owner,
            carried_from=measure,
            position=measure.position,
        )
        save_with_history(copy, f"Copied from {last_year.financial_year}", by)
    return plan


def _require_editable(plan: BusinessPlan, by: User) -> None:
    if not permissions.can_edit_plan(by, plan):
        if not plan.is_editable:
            raise PermissionDenied(f"This plan is {plan.get_status_display().lower()}, so it cannot be changed.")
        raise PermissionDenied("Only the head of service can change this plan.")


@transaction.atomic
def update_plan(*, plan: BusinessPlan, by: User, purpose: str) -> BusinessPlan:
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan, by)
    plan.purpose = purpose
    save_with_history(plan, f"Purpose changed by {by}", by)
    return plan


@transaction.atomic
def save_objective(
    *, plan: BusinessPlan, by: User, objective: Objective | None = None, title: str, success: str, standards: str
) -> Objective:
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan, by)
    if objective is None:
        objective = Objective(plan=plan, position=plan.objectives.count() + 1)
    elif objective.plan_id != plan.pk:
        raise PermissionDenied
    objective.title, objective.success, objective.standards = title, success, standards
    save_with_history(objective, f"Saved by {by}", by)
    return objective


@transaction.atomic
def delete_objective(*, objective: Objective, by: User) -> None:
    plan = BusinessPlan.objects.select_for_update().get(pk=objective.plan_id)
    _require_editable(plan, by)
    objective._change_reason, objective._history_user = f"Removed by {by}", by
    objective.delete()


@transaction.atomic
def save_measure(
    *,
    plan: BusinessPlan,
    by: User,
    measure: Measure | None = None,
    quarterly_targets: dict[int, Decimal | None],
    **fields,
) -> Measure:
    """Create or change a measure and its target for each quarter (keyed by quarter number)."""
    plan = BusinessPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan, by)
    if measure is None:
        measure = Measure(plan=plan, position=plan.measures.count() + 1)
    elif measure.plan_id != plan.pk:
        raise PermissionDenied
    objective = fields.get("objective")
    if objective is not None and objective.plan_id != plan.pk:
        raise ValidationError({"objective": "Choose one of this plan's objectives."})
    unknown = set(fields) - MEASURE_FIELDS
    if unknown:
        raise ValueError(f"Not measure fields: {unknown}")
    figures = (
        {figure.quarter.number: figure for figure in measure.figures.select_related("quarter")} if measure.pk else {}
    )
    _keep_closed_quarters(measure, figures, fields, quarterly_targets)
    for name, value in fields.items():
        setattr(measure, name, value)
    save_with_history(measure, f"Saved by {by}", by)
    quarters = {quarter.number: quarter for quarter in ensure_quarters(financial_year=plan.financial_year)}
    for number, target in quarterly_targets.items():
        figure = figures.get(number)
        if figure is None:
            if target is None:
                continue
            figure = MeasureFigure(measure=measure, quarter=quarters[number])
        elif figure.target == target:
            continue
        figure.target = target
        save_with_history(figure, f"Target set by {by}", by)
    return measure


MEASURE_FIELDS = {
    "title",
    "definition",
    "objective",
    "unit",
    "polarity",
    "year_end_target",
    "amber_tolerance",
    "data_source",
    "owner",
}


# Changing any of these would change the status of figures already reported.
RAG_FIELDS = ("unit", "polarity", "amber_tolerance")


def _keep_closed_quarters(measure: Measure, figures: dict, fields: dict, targets: dict) -> None:
    """A closed quarter's figures are locked: its target, and whatever decides the status
    of its figures, cannot change even when the plan is reopened."""
    closed = {number: figure for number, figure in figures.items() if figure.quarter.status == Quarter.Status.CLOSED}
    if not closed:
        return
    errors = {}
    for number, figure in closed.items():
        if number in targets and targets[number] != figure.target:
            errors[f"q{number}_target"] = f"{figure.quarter.label} is closed, so its target cannot change"
    for name in RAG_FIELDS:
        if name in fields and fields[name] != getattr(measure, name):
            errors[name] = "This measure has figures in closed quarters, so this cannot change now"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def delete_measure(*, measure: Measure, by: User) -> None:
    plan = BusinessPlan.objects.select_for_update().get(pk=measure.plan_id)
    _require_editable(plan, by)
    if measure.figures.filter(quarter__status=Quarter.Status.CLOSED).exists():
        raise ValidationError(f"{measure.title} has figures for closed quarters, so it cannot be removed.")
    measure._change_reason, measure._history_user = f"Removed by {by}", by
    measure.delete()


def _move_plan(plan: BusinessPlan, to: str, by: User, reason: str, stamp: str | None = None) -> BusinessPlan:
    return workflow.move(
        plan, to, by=by, reason=reason, refused="This plan is {status}; that step is not possible now.", stamp=stamp
    )


@transaction.atomic
def submit_plan(*, plan: BusinessPlan, by: User) -> BusinessPlan:
    plan = BusinessPlan.objects.select_for_update(of=("self",)).select_related("service__directorate").get(pk=plan.pk)
    _require_editable(plan, by)
    if not plan.objectives.exists() or not plan.measures.exists():
        raise ValidationError("Add at least one objective and one measure before you submit the plan.")
    plan.decided_at = plan.decided_by = None  # the earlier decision is in the history
    plan.return_reason = ""
    return _move_plan(plan, BusinessPlan.Status.SUBMITTED, by, f"Submitted by {by}", stamp="submitted")


def _decide(plan: BusinessPlan, by: User) -> BusinessPlan:
    plan = BusinessPlan.objects.select_for_update(of=("self",)).select_related("service__directorate").get(pk=plan.pk)
    if not is_director_of(by, plan.service):
        raise PermissionDenied("Only the Strategic Director of this service's directorate can agree its plan.")
    if plan.status != BusinessPlan.Status.SUBMITTED:
        raise ValidationError("Only a submitted plan can be agreed or sent back.")
    plan.decided_at, plan.decided_by = timezone.now(), by
    return plan


@transaction.atomic
def agree_plan(*, plan: BusinessPlan, by: User) -> BusinessPlan:
    plan = _decide(plan, by)
    return _move_plan(plan, BusinessPlan.Status.AGREED, by, f"Agreed by {by}")


@transaction.atomic
def send_back_plan(*, plan: BusinessPlan, by: User, reason: str) -> BusinessPlan:
    plan = _decide(plan, by)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the plan is being sent back"})
    plan.return_reason = reason.strip()
    return _move_plan(plan, BusinessPlan.Status.RETURNED, by, f"Sent back by {by}: {plan.return_reason}")


@transaction.atomic
def reopen_plan(*, plan: BusinessPlan, by: User) -> BusinessPlan:
    """Reopen an agreed plan for a change; it must be submitted and agreed again."""
    plan = BusinessPlan.objects.select_for_update(of=("self",)).select_related("service__directorate").get(pk=plan.pk)
    if not permissions.can_reopen_plan(by, plan):
        raise PermissionDenied("Only the head of service can reopen an agreed plan.")
    plan.decided_at = plan.decided_by = None
    return _move_plan(plan, BusinessPlan.Status.DRAFT, by, f"Reopened for a change by {by}")


@transaction.atomic
def record_figure(
    *,
    measure: Measure,
    quarter: Quarter,
    by: User,
    actual: Decimal | None,
    commentary: str,
    forecast: str,
    correction_reason: str = "",
) -> MeasureFigure:
    """Record a quarter's actual, commentary and forecast. A red measure needs commentary;
    a closed quarter's figures change only with a reason, which is recorded."""
    measure = Measure.objects.select_related("plan__service__directorate", "plan__financial_year").get(pk=measure.pk)
    if not permissions.can_enter_figures(by, measure.plan):
        raise PermissionDenied("Only the head of service or the Strategy Unit can enter this measure's figures.")
    quarter = Quarter.objects.select_for_update(of=("self",)).select_related("financial_year").get(pk=quarter.pk)
    if forecast not in {"", *MeasureFigure.Forecast.values}:
        raise ValidationError({"forecast": "Choose a forecast year-end status"})
    if quarter.financial_year_id != measure.plan.financial_year_id:
        raise ValidationError(f"{quarter.label} is not in this plan's year ({measure.plan.financial_year}).")
    if quarter.status == Quarter.Status.PLANNED:
        raise ValidationError(f"{quarter.label} has not opened yet, so its figures cannot be entered.")
    correction_reason = correction_reason.strip()
    if quarter.status == Quarter.Status.CLOSED and not correction_reason:
        raise ValidationError(
            {"correction_reason": f"{quarter.label} is closed. Say why this figure is being corrected"}
        )
    figure, _ = MeasureFigure.objects.select_for_update().get_or_create(measure=measure, quarter=quarter)
    status = rag_status(
        actual=actual, target=figure.target, tolerance=measure.amber_tolerance, polarity=measure.polarity
    )
    if status == Rag.RED and not commentary.strip():
        raise ValidationError({"commentary": "This measure is red. Explain why, and what is being done about it"})
    figure.actual, figure.commentary, figure.forecast = actual, commentary.strip(), forecast
    figure.entered_at, figure.entered_by = timezone.now(), by
    figure.correction_reason = correction_reason
    reason = f"Correction by {by}: {correction_reason}" if correction_reason else f"Entered by {by}"
    save_with_history(figure, reason, by)
    return figure
