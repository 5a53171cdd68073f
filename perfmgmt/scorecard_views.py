"""The scorecard: every measure for a quarter, red first, with filters and a CSV download."""

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_GET

from perfmgmt import selectors
from perfmgmt.csv_files import csv_response
from perfmgmt.models import Directorate, Quarter, Service
from perfmgmt.permissions import can_use_services_pages, require, services_visible_to
from perfmgmt.rag import Rag


class ScorecardFilter(forms.Form):
    quarter = forms.ModelChoiceField(
        queryset=Quarter.objects.exclude(status=Quarter.Status.PLANNED).select_related("financial_year"),
        required=False,
        empty_label=None,
    )
    directorate = forms.ModelChoiceField(
        queryset=Directorate.objects.order_by("name"), required=False, empty_label="All directorates"
    )
    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False, empty_label="All services")
    rag = forms.ChoiceField(
        label="Status", choices=[("", "Any status")] + [(rag.value, rag.label) for rag in Rag], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services_visible_to(user).order_by("name")
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"


def _scorecard(request):
    require(can_use_services_pages(request.user))
    data = request.GET.copy()
    if not data.get("quarter"):
        current = selectors.current_quarter()
        data["quarter"] = current.pk if current else ""
    form = ScorecardFilter(data, user=request.user)
    form.is_valid()  # a bad value drops that filter only: cleaned_data keeps the good ones
    chosen = form.cleaned_data
    quarter = chosen.get("quarter") or selectors.current_quarter()
    rows = []
    if quarter is not None:
        rows = selectors.scorecard(
            request.user,
            quarter,
            directorate=chosen.get("directorate"),
            service=chosen.get("service"),
            rag=Rag(chosen["rag"]) if chosen.get("rag") else None,
        )
    return form, quarter, rows


@require_GET
def scorecard(request):
    form, quarter, rows = _scorecard(request)
    counts = {rag: sum(1 for row in rows if row.rag == rag) for rag in Rag}
    return render(
        request,
        "perfmgmt/scorecard.html",
        {"form": form, "quarter": quarter, "rows": rows, "counts": counts, "query": request.GET.urlencode()},
    )


@require_GET
def scorecard_csv(request):
    form, quarter, rows = _scorecard(request)
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
            for row in rows
        ),
    )
