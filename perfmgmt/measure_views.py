"""A measure's page and the quarterly figures form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from perfmgmt import charts, permissions, selectors, services
from perfmgmt.forms_errors import add_service_errors
from perfmgmt.models import MeasureFigure, Quarter
from perfmgmt.plan_forms import FigureForm


@require_GET
def measure_detail(request, pk):
    measure = permissions.get_measure_for_user(request.user, pk)
    years = selectors.measure_page(measure)
    return render(
        request,
        "perfmgmt/measure_detail.html",
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
    if not permissions.can_enter_figures(request.user, measure.plan):
        raise PermissionDenied
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
    if request.method == "POST" and form.is_valid():
        try:
            services.record_figure(
                measure=measure,
                quarter=quarter,
                by=request.user,
                actual=form.cleaned_data["actual"],
                commentary=form.cleaned_data["commentary"],
                forecast=form.cleaned_data["forecast"],
                correction_reason=form.cleaned_data.get("correction_reason", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{quarter.label} figures saved for {measure.title}.")
            return redirect("plan_detail", measure.plan_id)
    cell = selectors.figure_cell(measure, quarter, figure)
    return render(
        request,
        "perfmgmt/figure_form.html",
        {"form": form, "measure": measure, "quarter": quarter, "cell": cell},
    )
