"""Board session pages, recording outcomes, and the action plan."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.csv_files import csv_response
from perfmgmt.forms_errors import add_service_errors
from perfmgmt.models import BenchmarkIndicator, Measure, Quarter, User
from perfmgmt.query_params import whole_number
from perfmgmt.selectors import chosen_quarter, current_quarter
from reviews import pdf, permissions, selectors, services
from reviews.forms import (
    ActionFilter,
    ActionForm,
    AnnexContentsForm,
    NoteForm,
    OutcomeForm,
    ProgressForm,
    ScheduleForm,
    ThemeForm,
    UserVoiceForm,
)
from reviews.models import AgendaItem, BoardSession, Theme, UserVoice
from worrylists import selectors as worrylist_selectors


def _quarter(request) -> Quarter | None:
    return chosen_quarter(request.GET.get("quarter"))


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
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the outcome and its action are saved together, or neither
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
        quarter=chosen.get("quarter"),
        directorate=chosen.get("directorate"),
        overdue_only=chosen.get("overdue", False),
    )
    return form, rows


@require_GET
def action_plan(request):
    form, rows = _action_plan(request)
    return render(
        request,
        "reviews/action_plan.html",
        {
            "form": form,
            "rows": rows,
            "query": request.GET.urlencode(),
            "can_remind": permissions.can_manage_sessions(request.user),
        },
    )


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
    form = ProgressForm(request.POST if request.method == "POST" else None, initial={"status": action.status})
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


# Annexes and session packs -----------------------------------------------------------------


def _annex_context(request, session, annex):
    indicators, measures = selectors.annex_contents(annex)
    return {
        "session": session,
        "annex": annex,
        "indicators": indicators,
        "measures": measures,
        "notes": permissions.notes_visible_to(request.user, annex).select_related("service", "author"),
    }


@require_GET
def annex_detail(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    annex = selectors.annex_of(session)
    context = _annex_context(request, session, annex)
    if permissions.can_manage_sessions(request.user):
        context["contents_form"] = _contents_form(session, annex)
        context["contributions"] = selectors.contributions(annex)
    context["can_write_note"] = permissions.can_write_note(request.user, annex)
    context["can_manage"] = permissions.can_manage_sessions(request.user)
    return render(request, "reviews/annex.html", context)


def _contents_form(session, annex, data=None):
    services_in_grouping = session.grouping.services.all()
    return AnnexContentsForm(
        data,
        initial={"indicators": annex.indicators.all(), "measures": annex.measures.all()} if annex.pk else {},
        indicators=BenchmarkIndicator.objects.order_by("title"),
        measures=Measure.objects.filter(
            plan__service__in=services_in_grouping, plan__financial_year=session.quarter.financial_year
        )
        .select_related("plan__service")
        .order_by("plan__service__name", "position"),
    )


@require_POST
def annex_contents(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    annex = services.annex_for(session)
    form = _contents_form(session, annex, request.POST)
    if form.is_valid():
        try:
            services.set_annex_contents(
                annex=annex,
                indicators=list(form.cleaned_data["indicators"]),
                measures=list(form.cleaned_data["measures"]),
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Annex contents saved.")
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("annex_detail", session.pk)


@require_POST
def annex_ready(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    try:
        services.mark_annex_ready(annex=services.annex_for(session), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The annex is marked ready for the Board.")
    return redirect("annex_detail", session.pk)


@require_http_methods(["GET", "POST"])
def note_form(request, pk, note_pk=None):
    session = permissions.get_session_for_annex(request.user, pk)
    if not permissions.can_write_note(request.user, selectors.annex_of(session)):
        raise PermissionDenied
    annex = services.annex_for(session)
    note = None
    if note_pk is not None:
        note = get_object_or_404(permissions.notes_visible_to(request.user, annex), pk=note_pk)
    initial = (
        {
            "service": note.service_id,
            "concern": note.concern,
            "rating": note.rating,
            "source_reference": note.source_reference,
        }
        if note
        else {}
    )
    form = NoteForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        services=session.grouping.services.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_note(annex=annex, by=request.user, note=note, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Note saved.")
            return redirect("annex_detail", session.pk)
    return render(request, "reviews/note_form.html", {"form": form, "session": session, "note": note})


def _pack_context(request, session):
    annex = selectors.annex_of(session)
    return {
        **_annex_context(request, session, annex),
        "lists": worrylist_selectors.grouping_pack(session.grouping, session.quarter),
        "council_name": settings.COUNCIL_NAME,
        "document_title": f"{session.title}: Board pack, {session.quarter.label}",
    }


@require_GET
def session_pack(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    if not permissions.can_see_pack(request.user):
        raise PermissionDenied
    return render(request, "reviews/pack.html", _pack_context(request, session))


@require_GET
def session_pack_pdf(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    if not permissions.can_see_pack(request.user):
        raise PermissionDenied
    html = render_to_string("reviews/pack_pdf.html", _pack_context(request, session), request=request)
    try:
        content = pdf.render_pdf(html)
    except pdf.DocumentTooLarge as error:
        messages.error(request, " ".join(error.messages))
        return redirect("session_pack", session.pk)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"board-pack-{session.title}-{session.quarter.ref.slug}")[:120]
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
def annex_list(request):
    if not permissions.can_read_annexes(request.user):
        raise PermissionDenied
    quarter = _quarter(request)
    sessions = (
        BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.GROUPING)
        .select_related("grouping", "annex")
        .order_by("date")
        if quarter
        else []
    )
    return render(request, "reviews/annex_list.html", {"quarter": quarter, "sessions": sessions})


# Themes, user voice, reminders --------------------------------------------------------------


@require_GET
def theme_list(request):
    if not permissions.can_read_themes(request.user):
        raise PermissionDenied
    return render(
        request,
        "reviews/theme_list.html",
        {"themes": selectors.themes(), "can_manage": permissions.can_manage_sessions(request.user)},
    )


@require_GET
def theme_detail(request, pk):
    if not permissions.can_read_themes(request.user):
        raise PermissionDenied
    theme = get_object_or_404(Theme, pk=pk)
    outcomes, actions = selectors.theme_page(theme)
    return render(
        request,
        "reviews/theme_detail.html",
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
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    theme = get_object_or_404(Theme, pk=pk) if pk else None
    initial = (
        {"name": theme.name, "description": theme.description, "response": theme.response, "status": theme.status}
        if theme
        else {"status": Theme.Status.OPEN}
    )
    form = ThemeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.save_theme(by=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Theme saved: {theme.name}")
            return redirect("theme_detail", theme.pk)
    return render(request, "reviews/theme_form.html", {"form": form, "theme": theme})


@require_http_methods(["GET", "POST"])
def theme_action(request, pk):
    """Agree an action on a theme, for example at the reflection session."""
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    theme = get_object_or_404(Theme, pk=pk)
    form = ActionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.agree_action(
                by=request.user,
                title=data["title"],
                owner=data["owner"],
                due=data["due"],
                theme=theme,
                programme=data["programme"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action agreed for {theme.name}.")
            return redirect("theme_detail", theme.pk)
    return render(request, "reviews/theme_action.html", {"form": form, "theme": theme})


@require_GET
def user_voice_list(request):
    if not permissions.can_read_sessions(request.user):
        raise PermissionDenied
    quarter = _quarter(request)
    service_pk = whole_number(request.GET.get("service"))
    items = selectors.user_voice(quarter, service_pk=service_pk) if quarter else []
    return render(
        request,
        "reviews/user_voice_list.html",
        {"quarter": quarter, "items": items, "can_manage": permissions.can_manage_sessions(request.user)},
    )


@require_http_methods(["GET", "POST"])
def user_voice_form(request, pk=None):
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    item = get_object_or_404(UserVoice, pk=pk) if pk else None
    quarter = item.quarter if item else _quarter(request)
    if quarter is None:
        raise PermissionDenied
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
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "services": list(form.cleaned_data["services"])}
        try:
            services.save_user_voice(by=request.user, quarter=quarter, item=item, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect(f"{reverse('user_voice_list')}?quarter={quarter.pk}")
    return render(request, "reviews/user_voice_form.html", {"form": form, "quarter": quarter, "item": item})


@require_POST
def action_reminders(request):
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    reminded = services.remind_overdue_action_owners(today=timezone.localdate(), by=request.user)
    messages.success(request, f"Reminders sent for {len(reminded)} overdue action{'s' if len(reminded) != 1 else ''}.")
    return redirect("action_plan")
