"""Annex pages, contributors' notes and the session pack."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import save_form
from perfmgmt.models import BenchmarkIndicator, Measure
from perfmgmt.permissions import require
from perfmgmt.selectors import chosen_quarter
from reviews import jobs
from reviews.annexes import packs, permissions, selectors, services
from reviews.annexes.forms import AnnexContentsForm, NoteForm
from reviews.board.permissions import can_manage_sessions
from reviews.models import BoardSession, DocumentJob


@require_GET
def annex_detail(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    context = packs.annex_context(request.user, session)
    annex = context["annex"]
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


@require_GET
def session_pack(request, pk):
    session = permissions.get_session_for_annex(request.user, pk)
    require(permissions.can_see_pack(request.user))
    return render(request, "reviews/annexes/session_pack.html", packs.context(request.user, session))


@require_POST
def session_pack_pdf(request, pk):
    """Ask for the pack as a PDF: made in the background, followed on its own page."""
    session = permissions.get_session_for_annex(request.user, pk)
    require(permissions.can_see_pack(request.user))
    try:
        job = packs.request_pdf(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("annexes:session_pack", session.pk)
    return redirect("annexes:pack_pdf_progress", session.pk, job.pk)


def _pack_job(request, pk, job_pk):
    session = permissions.get_session_for_annex(request.user, pk)
    require(permissions.can_see_pack(request.user))
    job = get_object_or_404(DocumentJob.objects.defer("content"), pk=job_pk, session=session, requested_by=request.user)
    jobs.forget_stopped([job])
    return session, job


@require_GET
def pack_pdf_progress(request, pk, job_pk):
    session, job = _pack_job(request, pk, job_pk)
    template = "reviews/annexes/pack_pdf_progress.html"
    if request.GET.get("part") == "status":
        template += "#status"
    return render(request, template, {"session": session, "job": job})


@require_GET
def pack_pdf_file(request, pk, job_pk):
    _, job = _pack_job(request, pk, job_pk)
    if job.state != DocumentJob.State.DONE:
        raise Http404
    job.refresh_from_db(fields=["content"])
    response = HttpResponse(bytes(job.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
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
