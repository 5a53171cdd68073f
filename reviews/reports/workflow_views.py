"""Committee report pages for the steps after drafting: clearance by the advisers, the
author's signature, publication by the clerk, corrections and the committee's decision,
and the files: previews and the published versions, byte for byte."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import add_service_errors, save_form
from perfmgmt.permissions import require
from reviews import jobs, pdf
from reviews.models import CommitteeReport, ReportFile
from reviews.reports import files as report_files
from reviews.reports import permissions, publication, services
from reviews.reports import selectors as report_selectors
from reviews.reports.forms import ClearanceForm, DecisionForm, ReasonForm
from reviews.reports.views import _drafting, _require_step, _step
from reviews.reports.wording import listed

Status = CommitteeReport.Status


# Clearance, publication and the decision -----------------------------------------------------------


@require_POST
def report_submit(request, pk):
    report = _drafting(request, pk)  # a draft, or a correction
    advisers = [area for area in permissions.ADVISER_ROLES if permissions.must_clear(report, area)]
    to = f" to {listed(advisers)}" if advisers else ""
    response = _step(request, report, services.submit_for_clearance, f"Sent for clearance{to}.")
    report.refresh_from_db()
    if report.status == Status.IN_CLEARANCE:
        document = report_selectors.with_checks(report_selectors.report_document(report))
        flagged = [p.label for s in document.sections for p in s.paragraphs if p.check]
        if flagged:
            messages.warning(request, f"Before it is cleared, look again at {listed(flagged)}: each is marked.")
    return response


@require_http_methods(["GET", "POST"])
def report_return(request, pk):
    """The Strategy Unit, an adviser or the author sends the report back for changes."""
    report = permissions.get_report_for_user(request.user, pk)
    _require_step(report, permissions.can_return(request.user, report), {Status.IN_CLEARANCE, Status.SIGNED})
    drafter = permissions.can_draft_reports(request.user)
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="What needs to change" + (" (optional)" if drafter else ""),
        empty="Say what needs to change",
        submit="Return the report",
        required=not drafter,
    )
    if save_form(
        request,
        form,
        lambda: services.return_to_draft(report=report, by=request.user, reason=form.cleaned_data["reason"]),
        success="Returned for changes. Every clearance will be needed again.",
    ):
        return redirect("reports:report_detail", report.pk)
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": "Return the report for changes", "show_document_link": True},
    )


@require_http_methods(["GET", "POST"])
def report_clear(request, pk, area):
    report = permissions.get_report_for_user(request.user, pk)
    section = services.adviser_section(report, area) if area in permissions.ADVISER_ROLES else None
    if section is None:
        raise Http404
    _require_step(report, permissions.can_clear(request.user, report, area), {Status.IN_CLEARANCE})
    current = "\n\n".join(p.text for p in report.paragraphs.filter(section=section.key))
    form = ClearanceForm(request.POST if request.method == "POST" else None, initial={"comments": current})
    if save_form(
        request,
        form,
        lambda: services.clear(report=report, by=request.user, area=area, **form.cleaned_data),
        success=f"Your comments are saved and {area} clearance is recorded.",
    ):
        return redirect("reports:report_detail", report.pk)
    heading = f"{section.title} and clearance"
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": heading, "show_document_link": True},
    )


@require_POST
def report_eia(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    _require_step(report, permissions.can_confirm_eia(request.user, report), {Status.IN_CLEARANCE})
    return _step(request, report, services.confirm_equality_assessment, "Equality impact assessment confirmed.")


@require_POST
def report_sign(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    _require_step(report, permissions.can_sign(request.user, report), {Status.IN_CLEARANCE})
    return _step(request, report, services.sign, "Signed. The committee clerk can now publish the report.")


@require_http_methods(["GET", "POST"])
def report_publish(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    current = jobs.publication_under_way(report)
    if current:  # a second clerk, or the first coming back: follow the one under way
        return redirect("reports:publication_progress", report.pk, current.pk)
    _require_step(report, permissions.can_publish(request.user, report), {Status.SIGNED})
    correcting = report.versions.exists()
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        initial={"reason": report.correction_reason},
        label="What this correction changes" if correcting else "Note (optional)",
        empty="Say what this correction changes",
        submit="Publish the correction" if correcting else "Publish the report",
        required=correcting,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = publication.publish(report=report, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:publication_progress", report.pk, job.pk)
    heading = "Publish a correction" if correcting else "Publish the report"
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": heading, "publishing": True, "show_document_link": True},
    )


@require_GET
def publication_progress(request, pk, job_pk):
    """How far a publication has got: the clerk can leave and come back. The site's script
    asks again for the status part every few seconds; without it, the page says to refresh."""
    report = permissions.get_report_for_user(request.user, pk)
    job = get_object_or_404(report.jobs.select_related("requested_by", "version"), pk=job_pk, kind="publication")
    jobs.forget_stopped([job])  # a job whose worker stopped is marked failed before it is shown
    context = {
        "report": report,
        "job": job,
        "can_try_again": job.state == job.State.FAILED and permissions.can_publish(request.user, report),
    }
    template = "reviews/reports/publication_progress.html"
    if request.GET.get("part") == "status":
        template += "#status"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def report_correct(request, pk):
    report = _drafting(request, pk, permissions.can_correct, {Status.PUBLISHED})
    form = ReasonForm(
        request.POST if request.method == "POST" else None,
        label="What needs correcting",
        empty="Say what needs correcting",
        submit="Start the correction",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.start_correction(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Correction started. The published version stays as it is until the clerk publishes the new one.",
            )
            return redirect("reports:report_detail", report.pk)
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": "Correct the published report"},
    )


@require_POST
def report_cancel_correction(request, pk):
    report = _drafting(request, pk, permissions.can_cancel_correction, {Status.CORRECTING})
    return _step(
        request, report, services.cancel_correction, "Correction dropped. The published version stands as it was."
    )


@require_http_methods(["GET", "POST"])
def report_decision(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    _require_step(report, permissions.can_record_decision(request.user, report), {Status.PUBLISHED})
    initial = (
        {"decision": report.decision, "decided_on": report.decision_date, "amendments": report.amendments}
        if report.decision
        else {"decided_on": report.meeting_date}
    )
    form = DecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    if save_form(
        request,
        form,
        lambda: services.record_decision(report=report, by=request.user, **form.cleaned_data),
        success="The committee's decision is recorded.",
        record=report,
    ):
        return redirect("reports:report_detail", report.pk)
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": "Record the committee's decision"},
    )


# Files ----------------------------------------------------------------------------------------------


def _file_response(content: bytes, kind: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=report_files.CONTENT_TYPES[kind])
    if kind != ReportFile.Kind.HTML:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def report_preview(request, pk, kind):
    """The report as it stands now, before publication (or while a correction is drafted)."""
    report = permissions.get_report_for_user(request.user, pk)
    if kind not in {ReportFile.Kind.HTML, ReportFile.Kind.PDF, ReportFile.Kind.DOCX}:
        raise Http404
    # Published as exempt (Part II): only those who may open exempt papers read it here too.
    require(
        report.exempt_paragraph is None
        or report.status != Status.PUBLISHED
        or permissions.can_open_exempt_appendices(request.user)
    )
    document = replace(report_selectors.report_document(report), draft=report.status != Status.PUBLISHED)
    try:
        with pdf.one_of_a_few(request.user):
            content = {
                ReportFile.Kind.HTML: lambda: report_files.report_html(document).encode(),
                ReportFile.Kind.PDF: lambda: report_files.report_pdf(document),
                ReportFile.Kind.DOCX: lambda: report_files.report_docx(document),
            }[kind]()
    except pdf.CannotRender as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:report_detail", report.pk)
    stem = f"{report.file_stem}-draft-{timezone.localdate():%Y-%m-%d}"
    return _file_response(content, kind, report_files.filename(stem, kind))


@require_GET
def version_file(request, pk, number, kind):
    """A published file, byte for byte as it was published."""
    report = permissions.get_published_report_for_user(request.user, pk)
    require(kind != ReportFile.Kind.EXEMPT_PACK or permissions.can_open_exempt_appendices(request.user))
    stored = get_object_or_404(
        ReportFile.objects.select_related("version"), version__report=report, version__number=number, kind=kind
    )
    require(permissions.can_read_version(request.user, stored.version))
    return _file_response(bytes(stored.content), kind, report_files.filename(report.file_stem, kind, number))
