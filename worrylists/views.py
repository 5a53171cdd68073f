"""Worry list pages: the head of service's journey (start, add, change, reorder, remove,
carry forward, check, submit), the read-only views, the Strategy Unit's tracker and
return, and each grouping's pack."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.csv_files import csv_response
from perfmgmt.forms_errors import add_service_errors, save_form
from perfmgmt.models import BenchmarkIndicator, DmtGrouping, Measure, Quarter
from perfmgmt.once import submit_once
from perfmgmt.pagination import page_of
from perfmgmt.permissions import get_service_for_user, is_head_of, require
from perfmgmt.query_params import whole_number
from perfmgmt.selectors import chosen_quarter, started_quarters
from worrylists import permissions, selectors, services
from worrylists.forms import CarryForwardForm, ReturnForm, WorryAboutForm, WorryDetailsForm, WorryLinksForm
from worrylists.models import Worry, WorryList


def _chosen_quarter(request) -> Quarter | None:
    return chosen_quarter(request.GET.get("quarter"), started_quarters())


@require_GET
def worry_list_index(request):
    require(permissions.can_use_worry_lists(request.user))
    quarter = _chosen_quarter(request)
    listing = page_of(request, selectors.index_services(request.user), label="Pages of services")
    return render(
        request,
        "worrylists/worry_list_index.html",
        {
            "quarter": quarter,
            "quarters": started_quarters(),
            "listing": listing,
            "rows": selectors.index_rows(request.user, quarter, listing.items) if quarter else [],
            "groupings": selectors.groupings() if permissions.can_see_grouping_packs(request.user) else [],
            "can_see_tracker": permissions.can_see_tracker(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def worry_list_start(request, service_pk, quarter_pk):
    service = get_service_for_user(request.user, service_pk)
    quarter = get_object_or_404(Quarter.objects.select_related("financial_year"), pk=quarter_pk)
    require(is_head_of(request.user, service))
    existing = WorryList.objects.filter(service=service, quarter=quarter).first()
    if existing is not None:
        return redirect("worrylists:worry_list_detail", existing.pk)
    error = None
    if request.method == "POST":
        try:
            worry_list = services.start_worry_list(service=service, quarter=quarter, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            return redirect("worrylists:worry_list_detail", worry_list.pk)
    return render(request, "worrylists/worry_list_start.html", {"service": service, "quarter": quarter, "error": error})


@require_GET
def worry_list_detail(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk)
    worry_list = selectors.worry_list_page(worry_list)
    can_edit = permissions.can_edit_worry_list(request.user, worry_list)
    worries = list(worry_list.worries.all())
    to_carry = services.worries_to_carry_forward(worry_list) if can_edit else []
    return render(
        request,
        "worrylists/worry_list_detail.html",
        {
            "worry_list": worry_list,
            "worries": worries,
            "can_edit": can_edit,
            "can_return": permissions.can_return_worry_list(request.user, worry_list),
            "tasks": selectors.tasks(worry_list, worries, to_carry) if can_edit else [],
        },
    )


def _worry_page(request, worry_list, form, title, worry=None, conflict=None, status=200):
    return render(
        request,
        "worrylists/worry_form.html",
        {"worry_list": worry_list, "worry": worry, "form": form, "title": title, "conflict": conflict},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def worry_add(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    form = WorryAboutForm(request.POST if request.method == "POST" else None, new=True)
    if request.method == "POST" and form.is_valid():

        def add() -> str:
            data = form.cleaned_data
            worry = services.add_worry(worry_list=worry_list, by=request.user, kind=data["kind"], title=data["title"])
            return reverse("worrylists:worry_details", args=[worry_list.pk, worry.pk])

        try:
            return redirect(submit_once(request, form, add))
        except ValidationError as error:
            add_service_errors(form, error)
    return _worry_page(request, worry_list, form, "Add a worry")


def _edit(request, pk, worry_pk, form_class, title, next_url, **form_kwargs):
    """One page of a worry: save it from the version the editor started with."""
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    worry = permissions.get_worry_for_user(request.user, worry_list, worry_pk)
    if worry.board_outcome:  # kept as the Board discussed it
        messages.error(request, f"The Board has discussed “{worry.title}”, so it is kept as discussed.")
        return redirect("worrylists:worry_list_detail", worry_list.pk)
    initial = {name: getattr(worry, name) for name in form_class.base_fields if hasattr(worry, name)}
    initial.update(version=worry.version, measures=worry.measures.all(), indicators=worry.indicators.all())
    form = form_class(request.POST if request.method == "POST" else None, initial=initial, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        for name in ("measures", "indicators"):
            if name in fields:
                fields[name] = list(fields[name])
        try:
            services.update_worry(worry=worry, by=request.user, expected_version=form.cleaned_data["version"], **fields)
        except services.EditConflict as conflict:
            # Keep what the editor typed; from now on a save means "keep mine".
            data = request.POST.copy()
            data["version"] = conflict.current.version
            form = form_class(data, **form_kwargs)
            form.is_valid()
            return _worry_page(request, worry_list, form, title, worry, conflict=conflict.current, status=409)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # A change made from the check page goes back there, not on through the steps.
            after = _check_page if request.GET.get("back") == "check" else next_url
            return redirect(after(worry_list, worry))
    return _worry_page(request, worry_list, form, title, worry)


def _check_page(worry_list, worry):
    return reverse("worrylists:worry_list_check", args=[worry_list.pk])


def _links_page(worry_list, worry):
    return reverse("worrylists:worry_links", args=[worry_list.pk, worry.pk])


@require_http_methods(["GET", "POST"])
def worry_about(request, pk, worry_pk):
    return _edit(request, pk, worry_pk, WorryAboutForm, "What the worry is", _check_page)


@require_http_methods(["GET", "POST"])
def worry_details(request, pk, worry_pk):
    return _edit(request, pk, worry_pk, WorryDetailsForm, "Evidence and what you ask of the Board", _links_page)


@require_http_methods(["GET", "POST"])
def worry_links(request, pk, worry_pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    measures = Measure.objects.filter(
        plan__service=worry_list.service, plan__financial_year=worry_list.quarter.financial_year
    ).order_by("position", "title")
    return _edit(
        request,
        pk,
        worry_pk,
        WorryLinksForm,
        "Measures and benchmark indicators",
        _check_page,
        measures=measures,
        indicators=BenchmarkIndicator.objects.order_by("title"),
    )


@require_POST
def worry_move(request, pk, worry_pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    worry = permissions.get_worry_for_user(request.user, worry_list, worry_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Say whether to move the worry up or down.")
    services.move_worry(worry=worry, by=request.user, up=direction == "up")
    back = "worrylists:worry_list_check" if request.POST.get("back") == "check" else "worrylists:worry_list_detail"
    return redirect(back, worry_list.pk)


@require_http_methods(["GET", "POST"])
def worry_remove(request, pk, worry_pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    worry = permissions.get_worry_for_user(request.user, worry_list, worry_pk)
    if request.method == "POST":
        try:
            services.remove_worry(
                worry=worry, by=request.user, expected_version=whole_number(request.POST.get("version")) or 0
            )
        except services.EditConflict as conflict:
            messages.error(request, f"“{conflict.current.title}” was changed by someone else, so it was not removed.")
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, f"Worry removed: {worry.title}")
        return redirect("worrylists:worry_list_detail", worry_list.pk)
    return render(request, "worrylists/worry_remove.html", {"worry_list": worry_list, "worry": worry})


@require_http_methods(["GET", "POST"])
def worry_list_carry_forward(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    offered = services.worries_to_carry_forward(worry_list)
    form = CarryForwardForm(
        request.POST if request.method == "POST" else None, offered=Worry.objects.filter(pk__in=[w.pk for w in offered])
    )
    if request.method == "POST" and form.is_valid():
        try:
            carried = services.carry_forward(
                worry_list=worry_list, by=request.user, worries=list(form.cleaned_data["worries"])
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{len(carried)} worr{'y' if len(carried) == 1 else 'ies'} carried forward.")
            return redirect("worrylists:worry_list_detail", worry_list.pk)
    return render(
        request,
        "worrylists/worry_list_carry_forward.html",
        {"worry_list": worry_list, "form": form, "offered": offered},
    )


@require_GET
def worry_list_check(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    worry_list = selectors.worry_list_page(worry_list)
    return render(
        request,
        "worrylists/worry_list_check.html",
        {"worry_list": worry_list, "worries": list(worry_list.worries.all())},
    )


@require_POST
def worry_list_submit(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk, write=True)
    try:
        services.submit_worry_list(worry_list=worry_list, by=request.user)
    except ValidationError:
        worry_list = selectors.worry_list_page(worry_list)
        worries = list(worry_list.worries.all())
        return render(
            request,
            "worrylists/worry_list_check.html",
            {"worry_list": worry_list, "worries": worries, "incomplete": [w for w in worries if not w.is_complete]},
        )
    return redirect("worrylists:worry_list_submitted", worry_list.pk)


@require_GET
def worry_list_submitted(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk)
    if worry_list.status != WorryList.Status.SUBMITTED:
        return redirect("worrylists:worry_list_detail", worry_list.pk)
    return render(request, "worrylists/worry_list_submitted.html", {"worry_list": worry_list})


@require_http_methods(["GET", "POST"])
def worry_list_return(request, pk):
    worry_list = permissions.get_worry_list_for_user(request.user, pk)
    require(permissions.can_return_worry_list(request.user, worry_list))
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if save_form(
        request,
        form,
        lambda: services.return_worry_list(worry_list=worry_list, by=request.user, reason=form.cleaned_data["reason"]),
        success=f"Worry list returned to the head of {worry_list.service} with your reason.",
    ):
        return redirect("worrylists:worry_list_tracker")
    return render(request, "worrylists/worry_list_return.html", {"worry_list": worry_list, "form": form})


def _tracker(request):
    require(permissions.can_see_tracker(request.user))
    return _chosen_quarter(request)


@require_GET
def worry_list_tracker(request):
    quarter = _tracker(request)
    listing = page_of(request, selectors.tracker_services(), label="Pages of the tracker")
    return render(
        request,
        "worrylists/worry_list_tracker.html",
        {
            "quarter": quarter,
            "quarters": started_quarters(),
            "listing": listing,
            "rows": selectors.tracker(quarter, services=listing.items) if quarter else [],
            "counts": selectors.tracker_counts(quarter) if quarter else {},
        },
    )


@require_GET
def worry_list_tracker_csv(request):
    quarter = _tracker(request)
    rows = selectors.tracker(quarter) if quarter else []
    return csv_response(
        f"worry-list-tracker-{quarter.ref.slug if quarter else 'none'}.csv",
        [
            "Service",
            "Directorate",
            "DMT grouping",
            "State",
            "Late",
            "Worries",
            "Started",
            "Submitted",
            "Submitted by",
            "Returned",
        ],
        (
            [
                row.service.name,
                row.service.directorate.name,
                "; ".join(row.groupings),
                row.state_label,
                "Yes" if row.late else "No",
                row.worries,
                _local_date(row.worry_list and row.worry_list.started_at),
                _local_date(row.worry_list and row.worry_list.submitted_at),
                str(row.worry_list.submitted_by or "") if row.worry_list else "",
                _local_date(row.worry_list and row.worry_list.returned_at),
            ]
            for row in rows
        ),
    )


def _local_date(moment) -> str:
    """The date as people in the council read it (a submission at 00:30 BST is that day)."""
    return timezone.localdate(moment).isoformat() if moment else ""


@require_POST
def worry_list_remind(request):
    quarter = _tracker(request)
    require(quarter is not None)
    reminded = services.send_reminders(quarter=quarter, by=request.user)
    messages.success(
        request,
        f"Reminders sent to the heads of {len(reminded)} service{'s' if len(reminded) != 1 else ''}"
        + (": " + ", ".join(item.service.name for item in reminded) if reminded else "")
        + ".",
    )
    return redirect(f"{reverse('worrylists:worry_list_tracker')}?quarter={quarter.pk}")


@require_GET
def grouping_pack(request, pk):
    require(permissions.can_see_grouping_packs(request.user))
    grouping = get_object_or_404(DmtGrouping, pk=pk)
    quarter = _chosen_quarter(request)
    lists = selectors.grouping_pack(grouping, quarter) if quarter else []
    return render(
        request,
        "worrylists/grouping_pack.html",
        {"grouping": grouping, "quarter": quarter, "lists": lists, "services": grouping.services.order_by("name")},
    )
