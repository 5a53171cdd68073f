"""Annex pages, contributors' notes and the session pack."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import save_form
from perfmgmt.models import BenchmarkIndicator, Measure
from perfmgmt.permissions import require
from perfmgmt.selectors import chosen_quarter
from reviews import pdf
from reviews.annexes import permissions, selectors, services
from reviews.annexes.forms import AnnexContentsForm, NoteForm
from reviews.board.permissions import can_manage_sessions
from reviews.models import BoardSession
from worrylists import selectors as worrylist_selectors


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
    if can_manage_sessions(request.user):
        context["contents_form"] = _contents_form(session, annex)
        context["contributions"] = selectors.contributions(annex)
    context["can_write_note"] = permissions.can_write_note(request.user, annex)
    context["can_manage"] = can_manage_sessions(request.user)
    return render(request, "reviews/annexes/annex_detail.html", context)


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
    require(can_manage_sessions(request.user))
    annex = selectors.annex_of(session)
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
    return redirect("annexes:annex_detail", session.pk)


@require_http_methods(["GET", "POST"])
def annex_ready(request, pk):
    """Marking the annex ready cannot be undone: contributors stop writing and every area's
    notes are shown to all. The page says so and asks before it is done."""
    session = permissions.get_session_for_annex(request.user, pk)
    require(can_manage_sessions(request.user))
    annex = selectors.annex_of(session)
    if request.method == "GET":
        return render(request, "reviews/annexes/annex_ready.html", {"session": session, "annex": annex})
    try:
        services.mark_annex_ready(annex=annex, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The annex is marked ready for the Board.")
    return redirect("annexes:annex_detail", session.pk)


@require_http_methods(["GET", "POST"])
def note_form(request, pk, note_pk=None):
    session = permissions.get_session_for_annex(request.user, pk)
    annex = selectors.annex_of(session)
    require(permissions.can_write_note(request.user, annex))
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
    if save_form(
        request,
        form,
        lambda: services.save_note(annex=annex, by=request.user, note=note, **form.cleaned_data),
        success="Note saved.",
        record=note,
    ):
        return redirect("annexes:annex_detail", session.pk)
    return render(request, "reviews/annexes/note_form.html", {"form": form, "session": session, "note": note})


def _pack_context(request, session):
    annex = selectors.annex_of(session)
    return {
        **_annex_context(request, session, annex),
        "agenda": selectors.agenda_of(session),
        "lists": worrylist_selectors.grouping_pack(session.grouping, session.quarter),
        "council_name": settings.COUNCIL_NAME,
        "document_title": f"{session.title}: Board pack, {session.quarter.label}",
    }


@require_GET
def session_pack(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    require(permissions.can_see_pack(request.user))
    return render(request, "reviews/annexes/session_pack.html", _pack_context(request, session))


@require_GET
def session_pack_pdf(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    require(permissions.can_see_pack(request.user))
    html = render_to_string("reviews/annexes/session_pack_pdf.html", _pack_context(request, session), request=request)
    try:
        with pdf.one_of_a_few(request.user):
            content = pdf.render_pdf(html)
    except pdf.CannotRender as error:
        messages.error(request, " ".join(error.messages))
        return redirect("annexes:session_pack", session.pk)
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(f"board-pack-{session.title}-{session.quarter.ref.slug}")[:120]
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
def annex_list(request):
    require(permissions.can_read_annexes(request.user))
    quarter = chosen_quarter(request.GET.get("quarter"))
    sessions = (
        BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.GROUPING)
        .select_related("grouping", "annex")
        .order_by("date")
        if quarter
        else []
    )
    return render(request, "reviews/annexes/annex_list.html", {"quarter": quarter, "sessions": sessions})
