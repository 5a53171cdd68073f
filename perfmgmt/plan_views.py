"""Business plan pages: list, start, view, edit, and the agree / send back loop."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt import permissions, selectors, services
from perfmgmt.forms_errors import add_service_errors
from perfmgmt.models import FinancialYear, Measure, Objective, User
from perfmgmt.permissions import can_use_services_pages, require
from perfmgmt.plan_forms import MeasureForm, ObjectiveForm, PurposeForm, SendBackForm, StartPlanForm
from perfmgmt.query_params import whole_number
from perfmgmt.roles import Role


def _chosen_year(request) -> FinancialYear:
    years = FinancialYear.objects.order_by("-start_year")
    start_year = whole_number(request.GET.get("year"))
    if start_year is not None:
        return get_object_or_404(years, start_year=start_year)
    quarter = selectors.current_quarter()
    return quarter.financial_year if quarter else get_object_or_404(years[:1])


@require_GET
def plan_list(request):
    require(can_use_services_pages(request.user))
    year = _chosen_year(request)
    return render(
        request,
        "perfmgmt/plan_list.html",
        {
            "year": year,
            "years": FinancialYear.objects.order_by("-start_year"),
            "rows": selectors.plan_rows(request.user, year),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_start(request, service_pk, start_year):
    service = permissions.get_service_for_user(request.user, service_pk)
    year = get_object_or_404(FinancialYear, start_year=start_year)
    if not permissions.is_head_of(request.user, service):
        raise PermissionDenied
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
            return redirect("plan_detail", plan.pk)
    return render(request, "perfmgmt/plan_start.html", {"form": form, "service": service, "year": year})


@require_GET
def plan_detail(request, pk):
    plan = permissions.get_plan_for_user(request.user, pk)
    plan, quarters, rows = selectors.plan_page(plan)
    user = request.user
    return render(
        request,
        "perfmgmt/plan_detail.html",
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
    if request.method == "POST" and form.is_valid():
        services.update_plan(plan=plan, by=request.user, purpose=form.cleaned_data["purpose"])
        messages.success(request, "Purpose saved.")
        return redirect("plan_detail", plan.pk)
    return render(request, "perfmgmt/plan_form.html", {"form": form, "plan": plan, "title": "Purpose of the plan"})


@require_http_methods(["GET", "POST"])
def objective_form(request, pk, objective_pk=None):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    objective = get_object_or_404(Objective, pk=objective_pk, plan=plan) if objective_pk else None
    form = ObjectiveForm(request.POST if request.method == "POST" else None, objective=objective)
    if request.method == "POST" and form.is_valid():
        services.save_objective(plan=plan, by=request.user, objective=objective, **form.cleaned_data)
        messages.success(request, f"Objective saved: {form.cleaned_data['title']}")
        return redirect("plan_detail", plan.pk)
    title = "Change objective" if objective else "Add an objective"
    return render(request, "perfmgmt/plan_form.html", {"form": form, "plan": plan, "title": title})


@require_POST
def objective_delete(request, pk, objective_pk):
    plan = permissions.get_plan_for_user(request.user, pk, write=True)
    objective = get_object_or_404(Objective, pk=objective_pk, plan=plan)
    services.delete_objective(objective=objective, by=request.user)
    messages.success(request, f"Objective removed: {objective.title}")
    return redirect("plan_detail", plan.pk)


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
    if request.method == "POST" and form.is_valid():
        try:
            services.save_measure(
                plan=plan,
                by=request.user,
                measure=measure,
                quarterly_targets=form.quarterly_targets(),
                **form.measure_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Measure saved: {form.cleaned_data['title']}")
            return redirect("plan_detail", plan.pk)
    title = "Change measure" if measure else "Add a measure"
    return render(request, "perfmgmt/plan_form.html", {"form": form, "plan": plan, "title": title})


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
    return redirect("plan_detail", plan.pk)


def _transition(request, pk, service, done: str, **kwargs):
    plan = permissions.get_plan_for_user(request.user, pk)
    try:
        service(plan=plan, by=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("plan_detail", plan.pk)


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
    if not permissions.can_agree_plan(request.user, plan):
        raise PermissionDenied
    form = SendBackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_back_plan(plan=plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Plan sent back to the head of service with your reason.")
            return redirect("plan_detail", plan.pk)
    return render(request, "perfmgmt/plan_form.html", {"form": form, "plan": plan, "title": "Send the plan back"})
