"""Services, business plan and measure pages, quarterly figures and the scorecard."""

from itertools import batched

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt import charts
from perfmgmt.csv_files import CHUNK, csv_response
from perfmgmt.forms_errors import add_service_errors, save_form
from perfmgmt.models import FinancialYear, Measure, MeasureFigure, Objective, Quarter, User
from perfmgmt.pagination import page_of
from perfmgmt.permissions import can_use_services_pages, get_service_for_user, is_head_of, require
from perfmgmt.plans import permissions, selectors, services
from perfmgmt.plans.forms import (
    FigureForm,
    MeasureForm,
    ObjectiveForm,
    PurposeForm,
    ScorecardFilter,
    SendBackForm,
    StartPlanForm,
)
from perfmgmt.query_params import whole_number
from perfmgmt.rag import Rag
from perfmgmt.roles import Role
from perfmgmt.selectors import current_quarter, service_list_for_user


@require_GET
def service_list(request):
    require(can_use_services_pages(request.user))
    listing = page_of(request, service_list_for_user(request.user), label="Pages of services")
    return render(request, "perfmgmt/plans/service_list.html", {"listing": listing})


@require_GET
def service_detail(request, pk):
    require(can_use_services_pages(request.user))
    # The selector's queryset is already limited to what the user may see: 404 otherwise.
    service = get_object_or_404(service_list_for_user(request.user), pk=pk)
    board_roles = (Role.HEAD_OF_SERVICE, Role.STRATEGIC_DIRECTOR, Role.STRATEGY_UNIT)
    return render(
        request,
        "perfmgmt/plans/service_detail.html",
        {"service": service, "can_read_board": request.user.has_role(*board_roles)},
    )


def _chosen_year(request) -> FinancialYear:
    years = FinancialYear.objects.order_by("-start_year")
    start_year = whole_number(request.GET.get("year"))
    if start_year is not None:
        return get_object_or_404(years, start_year=start_year)
    quarter = current_quarter()
    return quarter.financial_year if quarter else get_object_or_404(years[:1])


@require_GET
def plan_list(request):
    require(can_use_services_pages(request.user))
    year = _chosen_year(request)
    listing = page_of(request, service_list_for_user(request.user), label="Pages of services")
    return render(
        request,
        "perfmgmt/plans/plan_list.html",
        {
            "year": year,
            "years": FinancialYear.objects.order_by("-start_year"),
            "listing": listing,
            "rows": selectors.plan_rows(request.user, year, listing.items),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_start(request, service_pk, start_year):
    service = get_service_for_user(request.user, service_pk)
    year = get_object_or_404(FinancialYear, start_year=start_year)
    require(is_head_of(request.user, service))
    has_last_year = service.plans.filter(financial_year__start_year=start_year - 1).exists()
    form = StartPlanForm(request.POST if request.method == "POST" else None, has_last_year=has_last_year)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_plan(
                service=service,
                financial_year=year,
                by=request.user,
                copy_last_year=form.cleaned_data["start"] == "copy",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"You have started the {year} business plan for {service}.")
            return redirect("plans:plan_detail", plan.pk)
    return render(request, "perfmgmt/plans/plan_start.html", {"form": form, "service": service, "year": year})


@require_GET
def plan_detail(request, pk):
    plan = permissions.get_plan_for_user(request.user, pk)
    plan, quarters, rows = selectors.plan_page(plan)
    user = request.user
    return render(
        request,
        "perfmgmt/plans/plan_detail.html",
        {
            "plan": plan,
            "quarters": quarters,
            "rows": rows,
            "history": selectors.plan_history(plan),
            "can_edit": permissions.can_edit_plan(user, plan),
            "can_agree": permissions.can_agree_plan(user, plan),
            "can_reopen": permissions.can_reopen_plan(user, plan),
            "can_enter_figures": permissions.can_enter_figures(user, plan),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_purpose(request, pk):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    form = PurposeForm(request.POST if request.method == "POST" else None, initial={"purpose": plan.purpose})
    if save_form(
        request,
        form,
        lambda: services.update_plan(plan=plan, by=request.user, purpose=form.cleaned_data["purpose"]),
        success="Purpose saved.",
        record=plan,
    ):
        return redirect("plans:plan_detail", plan.pk)
    return render(
        request, "perfmgmt/plans/plan_form.html", {"form": form, "plan": plan, "title": "Purpose of the plan"}
    )


@require_http_methods(["GET", "POST"])
def objective_form(request, pk, objective_pk=None):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    objective = get_object_or_404(Objective, pk=objective_pk, plan=plan) if objective_pk else None
    form = ObjectiveForm(request.POST if request.method == "POST" else None, objective=objective)
    if save_form(
        request,
        form,
        lambda: services.save_objective(plan=plan, by=request.user, objective=objective, **form.cleaned_data),
        success=lambda: f"Objective saved: {form.cleaned_data['title']}",
        record=objective,
    ):
        return redirect("plans:plan_detail", plan.pk)
    title = "Change objective" if objective else "Add an objective"
    return render(request, "perfmgmt/plans/plan_form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def objective_delete(request, pk, objective_pk):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    objective = get_object_or_404(Objective, pk=objective_pk, plan=plan)
    services.delete_objective(objective=objective, by=request.user)
    messages.success(request, f"Objective removed: {objective.title}")
    return redirect("plans:plan_detail", plan.pk)


def _measure_owners():
    """People who can own a measure: heads of service."""
    return User.objects.filter(is_active=True, groups__name__in=[Role.HEAD_OF_SERVICE.label]).distinct()


@require_http_methods(["GET", "POST"])
def measure_form(request, pk, measure_pk=None):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    measure = None
    if measure_pk:
        measure = get_object_or_404(Measure.objects.prefetch_related("figures__quarter"), pk=measure_pk, plan=plan)
    form = MeasureForm(
        request.POST if request.method == "POST" else None, plan=plan, measure=measure, owners=_measure_owners()
    )
    if save_form(
        request,
        form,
        lambda: services.save_measure(
            plan=plan,
            by=request.user,
            measure=measure,
            quarterly_targets=form.quarterly_targets(),
            **form.measure_fields(),
        ),
        success=lambda: f"Measure saved: {form.cleaned_data['title']}",
        record=measure,
    ):
        return redirect("plans:plan_detail", plan.pk)
    title = "Change measure" if measure else "Add a measure"
    return render(request, "perfmgmt/plans/plan_form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def measure_delete(request, pk, measure_pk):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    measure = get_object_or_404(Measure, pk=measure_pk, plan=plan)
    try:
        services.delete_measure(measure=measure, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Measure removed: {measure.title}")
    return redirect("plans:plan_detail", plan.pk)


def _transition(request, pk, service, done: str, **kwargs):
    plan = permissions.get_plan_for_user(request.user, pk)
    try:
        service(plan=plan, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("plans:plan_detail", plan.pk)


@require_POST
def plan_submit(request, pk):
    return _transition(request, pk, services.submit_plan, "Plan submitted to the Strategic Director for agreement.")


@require_POST
def plan_agree(request, pk):
    return _transition(request, pk, services.agree_plan, "Plan agreed.")


@require_POST
def plan_reopen(request, pk):
    return _transition(request, pk, services.reopen_plan, "Plan reopened. Submit it again when your change is ready.")


@require_http_methods(["GET", "POST"])
def plan_send_back(request, pk):
    plan = permissions.get_plan_for_user(request.user, pk)
    require(permissions.can_agree_plan(request.user, plan))
    form = SendBackForm(request.POST if request.method == "POST" else None)
    if save_form(
        request,
        form,
        lambda: services.send_back_plan(plan=plan, by=request.user, reason=form.cleaned_data["reason"]),
        success="Plan sent back to the head of service with your reason.",
    ):
        return redirect("plans:plan_detail", plan.pk)
    return render(request, "perfmgmt/plans/plan_form.html", {"form": form, "plan": plan, "title": "Send the plan back"})


@require_GET
def measure_detail(request, pk):
    measure = permissions.get_measure_for_user(request.user, pk)
    years = selectors.measure_page(measure)
    return render(
        request,
        "perfmgmt/plans/measure_detail.html",
        {
            "measure": measure,
            "years": years,
            "chart": charts.measure_chart(measure, years),
            "can_enter_figures": permissions.can_enter_figures(request.user, measure.plan),
        },
    )


@require_http_methods(["GET", "POST"])
def figure_form(request, pk, quarter_pk):
    measure = permissions.get_measure_for_user(request.user, pk)
    require(permissions.can_enter_figures(request.user, measure.plan))
    quarter = get_object_or_404(
        Quarter.objects.select_related("financial_year"), pk=quarter_pk, financial_year=measure.plan.financial_year
    )
    figure = MeasureFigure.objects.filter(measure=measure, quarter=quarter).first()
    form = FigureForm(
        request.POST if request.method == "POST" else None,
        measure=measure,
        figure=figure,
        correcting=quarter.status == Quarter.Status.CLOSED,
    )
    if save_form(
        request,
        form,
        lambda: services.record_figure(
            measure=measure,
            quarter=quarter,
            by=request.user,
            actual=form.cleaned_data["actual"],
            commentary=form.cleaned_data["commentary"],
            forecast=form.cleaned_data["forecast"],
            correction_reason=form.cleaned_data.get("correction_reason", ""),
        ),
        success=f"{quarter.label} figures saved for {measure.title}.",
        record=figure,
    ):
        return redirect("plans:plan_detail", measure.plan_id)
    cell = selectors.figure_cell(measure, quarter, figure)
    return render(
        request,
        "perfmgmt/plans/figure_form.html",
        {"form": form, "measure": measure, "quarter": quarter, "cell": cell},
    )


def _scorecard(request):
    require(can_use_services_pages(request.user))
    data = request.GET.copy()
    if not data.get("quarter"):
        current = current_quarter()
        data["quarter"] = current.pk if current else ""
    form = ScorecardFilter(data, user=request.user)
    form.is_valid()  # a bad value drops that filter only: cleaned_data keeps the good ones
    chosen = form.cleaned_data
    quarter = chosen.get("quarter") or current_quarter()
    measures = Measure.objects.none()
    if quarter is not None:
        measures = selectors.scorecard(
            request.user,
            quarter,
            directorate=chosen.get("directorate"),
            service=chosen.get("service"),
            rag=Rag(chosen["rag"]) if chosen.get("rag") else None,
        )
    return form, quarter, measures


@require_GET
def scorecard(request):
    form, quarter, measures = _scorecard(request)
    listing = page_of(request, measures, label="Pages of the scorecard")
    return render(
        request,
        "perfmgmt/plans/scorecard.html",
        {
            "form": form,
            "quarter": quarter,
            "listing": listing,
            "rows": selectors.scorecard_rows(listing.items, quarter) if quarter else [],
            "counts": selectors.scorecard_counts(measures) if quarter else {},
        },
    )


@require_GET
def scorecard_csv(request):
    form, quarter, measures = _scorecard(request)
    label = quarter.ref.slug if quarter else "no-quarter"
    header = [
        "Directorate",
        "Service",
        "Measure",
        "Unit",
        "Actual",
        "Target",
        "Status",
        "Since last quarter",
        "Since same quarter last year",
        "Forecast year-end",
        "Commentary",
    ]
    return csv_response(
        f"scorecard-{label}.csv",
        header,
        (
            [
                row.directorate.name,
                row.service.name,
                row.measure.title,
                row.measure.get_unit_display(),
                row.actual_value,
                row.target_value,
                row.rag.label,
                row.since_last_quarter.label,
                row.since_last_year.label,
                row.forecast,
                row.commentary,
            ]
            for chunk in batched(measures.iterator(chunk_size=CHUNK), CHUNK)
            for row in selectors.scorecard_rows(chunk, quarter)
        ),
    )
