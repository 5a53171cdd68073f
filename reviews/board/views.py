"""Board session pages, recording outcomes, the action plan, themes and user voice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt import versions
from perfmgmt.csv_files import CHUNK, csv_response
from perfmgmt.forms_errors import add_service_errors, save_form
from perfmgmt.models import Quarter, User
from perfmgmt.once import submit_once
from perfmgmt.pagination import page_of
from perfmgmt.permissions import require
from perfmgmt.query_params import whole_number
from perfmgmt.selectors import chosen_quarter, current_quarter
from reviews.board import permissions, selectors, services
from reviews.board.forms import (
    ActionFilter,
    ActionForm,
    OutcomeForm,
    ProgressForm,
    ScheduleForm,
    ThemeForm,
    UserVoiceForm,
)
from reviews.models import AgendaItem, Theme, UserVoice


def _quarter(request) -> Quarter | None:
    return chosen_quarter(request.GET.get("quarter"))


@require_GET
def session_list(request):
    require(permissions.can_read_sessions(request.user))
    quarter = _quarter(request)
    return render(
        request,
        "reviews/board/session_list.html",
        {
            "quarter": quarter,
            "sessions": selectors.sessions_for(request.user, quarter) if quarter else [],
            "can_manage": permissions.can_manage_sessions(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def session_schedule(request):
    require(permissions.can_manage_sessions(request.user))
    quarter = _quarter(request)
    require(quarter is not None)
    form = ScheduleForm(request.POST if request.method == "POST" else None)
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
            return redirect("board:session_detail", session.pk)
    return render(request, "reviews/board/session_schedule.html", {"form": form, "quarter": quarter})


@require_GET
def session_detail(request, pk):
    session = permissions.get_session_for_user(request.user, pk)
    return render(
        request,
        "reviews/board/session_detail.html",
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
    require(permissions.can_manage_sessions(request.user))
    item = get_object_or_404(AgendaItem, pk=item_pk, session=session)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    services.move_agenda_item(item=item, by=request.user, up=direction == "up")
    return redirect("board:session_detail", session.pk)


@require_POST
def agenda_refresh(request, pk):
    session = permissions.get_session_for_user(request.user, pk)
    require(permissions.can_manage_sessions(request.user) or session.grouping_id is None)
    added = services.refresh_agenda(session=session, by=request.user)
    messages.success(request, f"{len(added)} newly submitted worr{'y' if len(added) == 1 else 'ies'} added.")
    return redirect("board:session_detail", session.pk)


@require_http_methods(["GET", "POST"])
def outcome_form(request, pk, item_pk):
    session = permissions.get_session_for_user(request.user, pk)
    require(permissions.can_manage_sessions(request.user))
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
            "report_to_committee": existing.report_to_committee,
        }
        if existing
        else {}
    )
    agreed = list(existing.actions.select_related("owner").order_by("pk")) if existing else []
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial, agreed=bool(agreed))
    if save_form(
        request,
        form,
        lambda: services.record_outcome_and_action(item=item, by=request.user, **form.cleaned_data),
        success=f"Outcome saved for {item.worry.title}.",
        record=existing,
    ):
        return redirect("board:session_detail", session.pk)
    return render(
        request, "reviews/board/outcome_form.html", {"form": form, "session": session, "item": item, "agreed": agreed}
    )


def _action_plan(request):
    user = request.user
    require(permissions.can_read_action_plan(user))
    actions = permissions.actions_visible_to(user)
    owners = User.objects.filter(pk__in=actions.values("owner")).order_by("last_name", "first_name", "pk")
    form = ActionFilter(request.GET or None, owners=owners, actions=actions)
    form.is_valid()
    chosen = getattr(form, "cleaned_data", {})
    actions = selectors.action_plan_actions(
        user,
        timezone.localdate(),
        status=chosen.get("status", ""),
        owner=chosen.get("owner"),
        theme=chosen.get("theme"),
        quarter=chosen.get("quarter"),
        directorate=chosen.get("directorate"),
        overdue_only=chosen.get("overdue", False),
    )
    return form, actions


@require_GET
def action_plan(request):
    form, actions = _action_plan(request)
    listing = page_of(request, actions, label="Pages of the action plan")
    return render(
        request,
        "reviews/board/action_plan.html",
        {
            "form": form,
            "listing": listing,
            "rows": selectors.action_rows(listing.items, timezone.localdate()),
            "can_remind": permissions.can_manage_sessions(request.user),
        },
    )


@require_GET
def action_plan_csv(request):
    _, actions = _action_plan(request)
    today = timezone.localdate()
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
            for action in actions.iterator(chunk_size=CHUNK)
            for row in selectors.action_rows([action], today)
        ),
    )


@require_http_methods(["GET", "POST"])
def action_progress(request, pk):
    action = get_object_or_404(permissions.actions_visible_to(request.user).select_related("owner"), pk=pk)
    require(permissions.can_update_action(request.user, action))
    form = ProgressForm(request.POST if request.method == "POST" else None, initial={"status": action.status})
    quarter = current_quarter()
    if quarter is None:
        raise PermissionDenied("No quarter is open to report progress in.")
    if save_form(
        request,
        form,
        lambda: services.update_action_progress(
            action=action,
            by=request.user,
            quarter=quarter,
            status=form.cleaned_data["status"],
            commentary=form.cleaned_data["commentary"],
        ),
        success=f"Progress saved for {action.title}.",
    ):
        return redirect("board:action_plan")
    return render(request, "reviews/board/action_progress.html", {"form": form, "action": action})


@require_GET
def theme_list(request):
    require(permissions.can_read_themes(request.user))
    return render(
        request,
        "reviews/board/theme_list.html",
        {"themes": selectors.themes(), "can_manage": permissions.can_manage_sessions(request.user)},
    )


@require_GET
def theme_detail(request, pk):
    require(permissions.can_read_themes(request.user))
    theme = get_object_or_404(Theme, pk=pk)
    outcomes, actions = selectors.theme_page(theme)
    return render(
        request,
        "reviews/board/theme_detail.html",
        {
            "theme": theme,
            "outcomes": outcomes,
            "actions": actions,
            "status_over_time": selectors.theme_status_over_time(theme),
            "can_manage": permissions.can_manage_sessions(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def theme_form(request, pk=None):
    require(permissions.can_manage_sessions(request.user))
    theme = get_object_or_404(Theme, pk=pk) if pk else None
    initial = (
        {"name": theme.name, "description": theme.description, "response": theme.response, "status": theme.status}
        if theme
        else {"status": Theme.Status.OPEN}
    )
    form = ThemeForm(request.POST if request.method == "POST" else None, initial=initial)
    versions.remember(form, theme)
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            saved = services.save_theme(by=request.user, theme=theme, **form.cleaned_data)
            messages.success(request, f"Theme saved: {saved.name}")
            return reverse("board:theme_detail", args=[saved.pk])

        try:
            return redirect(submit_once(request, form, save, record=theme))
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "reviews/board/theme_form.html", {"form": form, "theme": theme})


@require_http_methods(["GET", "POST"])
def theme_action(request, pk):
    """Agree an action on a theme, for example at the reflection session."""
    require(permissions.can_manage_sessions(request.user))
    theme = get_object_or_404(Theme, pk=pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if save_form(
        request,
        form,
        lambda: services.agree_action(by=request.user, theme=theme, **form.cleaned_data),
        success=f"Action agreed for {theme.name}.",
    ):
        return redirect("board:theme_detail", theme.pk)
    return render(request, "reviews/board/theme_action.html", {"form": form, "theme": theme})


@require_GET
def user_voice_list(request):
    require(permissions.can_read_sessions(request.user))
    quarter = _quarter(request)
    service_pk = whole_number(request.GET.get("service"))
    items = selectors.user_voice(quarter, service_pk=service_pk) if quarter else []
    return render(
        request,
        "reviews/board/user_voice_list.html",
        {"quarter": quarter, "items": items, "can_manage": permissions.can_manage_sessions(request.user)},
    )


@require_http_methods(["GET", "POST"])
def user_voice_form(request, pk=None):
    require(permissions.can_manage_sessions(request.user))
    item = get_object_or_404(UserVoice, pk=pk) if pk else None
    quarter = item.quarter if item else _quarter(request)
    require(quarter is not None)
    initial = (
        {
            "source": item.source,
            "title": item.title,
            "services": item.services.all(),
            "summary": item.summary,
            "key_figures": item.key_figures,
            "changes": item.changes,
        }
        if item
        else {}
    )
    form = UserVoiceForm(request.POST if request.method == "POST" else None, initial=initial)
    if save_form(
        request,
        form,
        lambda: services.save_user_voice(
            by=request.user,
            quarter=quarter,
            item=item,
            **{**form.cleaned_data, "services": list(form.cleaned_data["services"])},
        ),
        success="Saved.",
        record=item,
    ):
        return redirect(f"{reverse('board:user_voice_list')}?quarter={quarter.pk}")
    return render(request, "reviews/board/user_voice_form.html", {"form": form, "quarter": quarter, "item": item})


@require_POST
def action_reminders(request):
    require(permissions.can_manage_sessions(request.user))
    reminded = services.remind_overdue_action_owners(today=timezone.localdate(), by=request.user)
    messages.success(request, f"Reminders sent for {len(reminded)} overdue action{'s' if len(reminded) != 1 else ''}.")
    return redirect("board:action_plan")
