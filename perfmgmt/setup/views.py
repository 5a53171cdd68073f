"""Set-up pages for the Strategy Unit: years, quarters and deadlines, and the organisation.
People and their roles stay in the Django admin, for the Administrator."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import save_form
from perfmgmt.models import Committee, Directorate, DmtGrouping, FinancialYear, Quarter, Service, User
from perfmgmt.permissions import require
from perfmgmt.quarters import financial_year_label
from perfmgmt.setup import forms as setup_forms
from perfmgmt.setup import services
from reviews.report_templates import selectors as template_selectors
from reviews.report_templates.permissions import can_manage_templates


@dataclass(frozen=True)
class Kind:
    """One kind of organisation record the set-up pages list, add and change."""

    one: str
    many: str
    model: type[models.Model]
    form: type[forms.ModelForm]
    intro: str
    shown_with: tuple = ()  # what its list shows beside each record, fetched up front

    def records(self):
        joined = [name for name in self.shown_with if isinstance(name, str)]
        records = self.model.objects.order_by("name")
        records = records.select_related(*joined) if joined else records
        return records.prefetch_related(*(name for name in self.shown_with if not isinstance(name, str)))


KINDS = {
    "directorates": Kind(
        "directorate",
        "Directorates",
        Directorate,
        setup_forms.DirectorateForm,
        "Each directorate is led by a Strategic Director, who agrees its services' business plans.",
        ("strategic_director",),
    ),
    "services": Kind(
        "service",
        "Services",
        Service,
        setup_forms.ServiceForm,
        "Each service has a business plan and, if it is in a DMT grouping, a worry list every quarter.",
        ("directorate", Prefetch("heads", queryset=User.objects.order_by("last_name", "first_name"))),
    ),
    "groupings": Kind(
        "grouping",
        "DMT groupings",
        DmtGrouping,
        setup_forms.GroupingForm,
        "The services in a grouping meet the Strategic Directors Board together.",
        (Prefetch("services", queryset=Service.objects.order_by("name")),),
    ),
    "committees": Kind(
        "committee",
        "Committees",
        Committee,
        setup_forms.CommitteeForm,
        "The committees and other decision makers that receive the quarterly performance report.",
    ),
}


def _kind(name: str) -> Kind:
    if name not in KINDS:
        raise Http404
    return KINDS[name]


def _quarter(request, pk) -> Quarter:
    require(services.can_set_up(request.user))
    return get_object_or_404(Quarter.objects.select_related("financial_year", "status_changed_by"), pk=pk)


@require_GET
def set_up(request):
    require(services.can_set_up(request.user))
    years = FinancialYear.objects.prefetch_related(Prefetch("quarters", queryset=Quarter.objects.order_by("number")))
    kinds = [(name, kind, kind.model.objects.count()) for name, kind in KINDS.items()]
    templates = template_selectors.templates_list().count() if can_manage_templates(request.user) else None
    return render(request, "perfmgmt/setup/set_up.html", {"years": years, "kinds": kinds, "template_count": templates})


@require_http_methods(["GET", "POST"])
def year_add(request):
    require(services.can_set_up(request.user))
    form = setup_forms.FinancialYearForm(request.POST if request.method == "POST" else None)
    if save_form(
        request,
        form,
        lambda: services.add_financial_year(start_year=form.cleaned_data["start_year"], by=request.user),
        success=lambda: (
            f"{financial_year_label(form.cleaned_data['start_year'])} is set up with its four quarters. "
            "Open each quarter when its review starts."
        ),
    ):
        return redirect("setup:set_up")
    return render(request, "perfmgmt/setup/year_form.html", {"form": form})


@require_GET
def quarter_detail(request, pk):
    quarter = _quarter(request, pk)
    missing = services.what_is_missing(quarter) if quarter.status == Quarter.Status.OPEN else None
    return render(request, "perfmgmt/setup/quarter_detail.html", {"quarter": quarter, "missing": missing})


@require_http_methods(["GET", "POST"])
def quarter_deadlines(request, pk):
    quarter = _quarter(request, pk)
    form = setup_forms.DeadlinesForm(request.POST if request.method == "POST" else None, quarter=quarter)
    if save_form(
        request,
        form,
        lambda: services.save_deadlines(quarter=quarter, by=request.user, **form.cleaned_data),
        success=f"Deadlines saved for {quarter.label}.",
        record=quarter,
    ):
        return redirect("setup:quarter_detail", pk=quarter.pk)
    return render(request, "perfmgmt/setup/deadlines_form.html", {"form": form, "quarter": quarter})


def _change_status(request, quarter: Quarter, change, done: str):
    try:
        change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("setup:quarter_detail", pk=quarter.pk)


@require_POST
def quarter_open(request, pk):
    quarter = _quarter(request, pk)
    return _change_status(
        request,
        quarter,
        lambda: services.open_quarter(quarter=quarter, by=request.user),
        f"{quarter.label} is open: heads of service can now draft worry lists and enter figures for it.",
    )


@require_http_methods(["GET", "POST"])
def quarter_close(request, pk):
    quarter = _quarter(request, pk)
    if request.method == "POST":
        return _change_status(
            request,
            quarter,
            lambda: services.close_quarter(quarter=quarter, by=request.user),
            f"{quarter.label} is closed. Its figures are locked; a correction needs a reason.",
        )
    if quarter.status != Quarter.Status.OPEN:
        messages.error(request, f"{quarter.label} is not open, so it cannot be closed.")
        return redirect("setup:quarter_detail", pk=quarter.pk)
    missing = services.what_is_missing(quarter)
    return render(request, "perfmgmt/setup/quarter_close.html", {"quarter": quarter, "missing": missing})


@require_http_methods(["GET", "POST"])
def quarter_reopen(request, pk):
    quarter = _quarter(request, pk)
    form = setup_forms.ReopenForm(request.POST if request.method == "POST" else None)
    if save_form(
        request,
        form,
        lambda: services.reopen_quarter(quarter=quarter, by=request.user, reason=form.cleaned_data["reason"]),
        success=f"{quarter.label} is open again.",
    ):
        return redirect("setup:quarter_detail", pk=quarter.pk)
    return render(request, "perfmgmt/setup/reopen_form.html", {"form": form, "quarter": quarter})


@require_GET
def record_list(request, kind):
    require(services.can_set_up(request.user))
    chosen = _kind(kind)
    return render(
        request,
        "perfmgmt/setup/record_list.html",
        {"kind": chosen, "kind_name": kind, "records": chosen.records()},
    )


@require_http_methods(["GET", "POST"])
def record_form(request, kind, pk=None):
    require(services.can_set_up(request.user))
    chosen = _kind(kind)
    instance = get_object_or_404(chosen.model, pk=pk) if pk else None
    form = chosen.form(request.POST if request.method == "POST" else None, instance=instance)
    if save_form(
        request,
        form,
        lambda: services.save_record(form, by=request.user, what=chosen.one),
        success=lambda: f"{chosen.one.capitalize()} saved: {form.cleaned_data['name']}",
        record=instance,
    ):
        return redirect("setup:record_list", kind=kind)
    return render(
        request,
        "perfmgmt/setup/record_form.html",
        {"form": form, "kind": chosen, "kind_name": kind, "instance": instance},
    )
