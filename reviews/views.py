"""Board session pages, recording outcomes, and the action plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.csv_files import csv_response
from perfmgmt.forms_errors import add_service_errors
from perfmgmt.models import Quarter, User
from perfmgmt.query_params import whole_number
from perfmgmt.selectors import current_quarter
from reviews import permissions, selectors, services
from reviews.forms import ActionFilter, OutcomeForm, ProgressForm, ScheduleForm
from reviews.models import AgendaItem


def _quarter(request) -> Quarter | None:
    pk = whole_number(request.GET.get("quarter"))
    if pk is not None:
        return get_object_or_404(Quarter.objects.select_related("financial_year"), pk=pk)
    return current_quarter()


@require_GET
def session_list(request):
    if not permissions.can_read_sessions(request.user):
        raise PermissionDenied
    quarter = _quarter(request)
    return render(
        request,
        "reviews/session_list.html",
        {
            "quarter": quarter,
            "sessions": selectors.sessions_for(request.user, quarter) if quarter else [],
            "can_manage": permissions.can_manage_sessions(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def session_schedule(request):
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    quarter = _quarter(request)
    if quarter is None:
        raise PermissionDenied
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(
                quarter=quarter,
                grouping=form.cleaned_data["grouping"],
                on=form.cleaned_data["date"],
                attendees=list(form.cleaned_data["attendees"]),
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{session.title} scheduled for {session.date:%-d %B %Y}.")
            return redirect("session_detail", session.pk)
    return render(request, "reviews/session_schedule.html", {"form": form, "quarter": quarter})


@require_GET
def session_detail(request, pk):
    session = permissions.get_session_for_user(request.user, pk)
    return render(
        request,
        "reviews/session_detail.html",
        {
            "session": session,
            "items": selectors.session_page(session),
            "attendees": session.attendees.order_by("last_name"),
            "can_manage": permissions.can_manage_sessions(request.user),
        },
    )


@require_POST
def agenda_move(request, pk, item_pk):
    session = permissions.get_session_for_user(request.user, pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    item = get_object_or_404(AgendaItem, pk=item_pk, session=session)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    services.move_agenda_item(item=item, by=request.user, up=direction == "up")
    return redirect("session_detail", session.pk)


@require_POST
def agenda_refresh(request, pk):
    session = permissions.get_session_for_user(request.user, pk)
    if not permissions.can_manage_sessions(request.user) or session.grouping_id is None:
        raise PermissionDenied
    added = services.refresh_agenda(session=session, by=request.user)
    messages.success(request, f"{len(added)} newly submitted worr{'y' if len(added) == 1 else 'ies'} added.")
    return redirect("session_detail", session.pk)


@require_http_methods(["GET", "POST"])
def outcome_form(request, pk, item_pk):
    session = permissions.get_session_for_user(request.user, pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    item = get_object_or_404(
        AgendaItem.objects.select_related("worry__worry_list__service"), pk=item_pk, session=session
    )
    existing = getattr(item, "outcome", None)
    initial = (
        {
            "discussion": existing.discussion,
            "result": existing.result,
            "learning": existing.learning,
            "themes": existing.themes.all(),
        }
        if existing
        else {}
    )
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.record_outcome(
                item=item,
                by=request.user,
                discussion=data["discussion"],
                result=data["result"],
                learning=data["learning"],
                themes=list(data["themes"]),
            )
            if data["action_title"]:
                services.agree_action(
                    by=request.user,
                    title=data["action_title"],
                    owner=data["action_owner"],
                    due=data["action_due"],
                    outcome=outcome,
                    programme=data["action_programme"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Outcome saved for {item.worry.title}.")
            return redirect("session_detail", session.pk)
    return render(request, "reviews/outcome_form.html", {"form": form, "session": session, "item": item})


def _action_plan(request):
    user = request.user
    owners = User.objects.filter(actions__in=permissions.actions_visible_to(user)).distinct().order_by("last_name")
    form = ActionFilter(request.GET or None, owners=owners)
    form.is_valid()
    chosen = getattr(form, "cleaned_data", {})
    rows = selectors.action_plan(
        user,
        timezone.localdate(),
        status=chosen.get("status", ""),
        owner=chosen.get("owner"),
        theme=chosen.get("theme"),
        overdue_only=chosen.get("overdue", False),
    )
    return form, rows


@require_GET
def action_plan(request):
    form, rows = _action_plan(request)
    return render(request, "reviews/action_plan.html", {"form": form, "rows": rows, "query": request.GET.urlencode()})


@require_GET
def action_plan_csv(request):
    _, rows = _action_plan(request)
    return csv_response(
        "action-plan.csv",
        ["Action", "Owner", "Due", "Status", "Overdue", "From", "Programme or workstream", "Latest progress"],
        (
            [
                row.action.title,
                str(row.action.owner),
                row.action.due_date.isoformat(),
                row.action.get_status_display(),
                "Yes" if row.overdue else "No",
                row.source,
                row.action.programme,
                row.latest.commentary if row.latest else "",
            ]
            for row in rows
        ),
    )


@require_http_methods(["GET", "POST"])
def action_progress(request, pk):
    action = get_object_or_404(permissions.actions_visible_to(request.user).select_related("owner"), pk=pk)
    if not permissions.can_update_action(request.user, action):
        raise PermissionDenied
    form = ProgressForm(request.POST or None, initial={"status": action.status})
    quarter = current_quarter()
    if quarter is None:
        raise PermissionDenied("No quarter is open to report progress in.")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action_progress(
                action=action,
                by=request.user,
                quarter=quarter,
                status=form.cleaned_data["status"],
                commentary=form.cleaned_data["commentary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Progress saved for {action.title}.")
            return redirect("action_plan")
    return render(request, "reviews/action_progress.html", {"form": form, "action": action})
