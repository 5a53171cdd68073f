"""Committee report pages: the list, the working page where the Strategy Unit drafts and
the advisers, author and clerk take their steps, and the drafting forms. The steps
themselves and the files are in workflow_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from perfmgmt.forms_errors import add_service_errors, save_form
from perfmgmt.permissions import require
from perfmgmt.selectors import chosen_quarter, started_quarters
from reviews.models import CommitteeReport
from reviews.reports import drafting, permissions, services, uploads
from reviews.reports import files as report_files
from reviews.reports import selectors as report_selectors
from reviews.reports.forms import (
    DEFAULT_COMMITTEE,
    AppendixAddForm,
    AppendixForm,
    BackgroundDocumentForm,
    ParagraphForm,
    ReportDetailsForm,
    ReportStartForm,
    TemplateChoiceForm,
    UploadForm,
)
from reviews.reports.numbering import appendix_label
from reviews.reports.wording import listed

Status = CommitteeReport.Status


def _drafting(request, pk, step=permissions.can_edit, statuses=permissions.EDITABLE) -> CommitteeReport:
    """The report, for a change only the Strategy Unit makes, in the statuses that allow
    it: 404 if the user cannot see the report, 403 if they can but may not change it now."""
    report = permissions.get_report_for_user(request.user, pk)
    _require_step(report, step(request.user, report), statuses)
    return report


def _require_step(report: CommitteeReport, allowed: bool, statuses) -> None:
    """403 unless the step's predicate allows it; when the report's present status is what
    stands in the way, say so."""
    if allowed:
        return
    if report.status not in statuses:
        raise PermissionDenied(
            f"This cannot be done while the report is “{report.get_status_display().lower()}”. "
            "Nothing has been changed. Go back to the report to see what can be done next."
        )
    raise PermissionDenied


def _try(request, action, success: str = "") -> None:
    """Run one change from a button; say what happened, or why it could not happen."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if success:
            messages.success(request, success)


def _step(request, report: CommitteeReport, step, success: str):
    _try(request, lambda: step(report=report, by=request.user), success)
    return redirect("reports:report_detail", report.pk)


# Lists and the working page ------------------------------------------------------------------------


@require_GET
def report_list(request):
    reports = list(report_selectors.reports_for(request.user))
    require(bool(reports) or permissions.can_read_published_reports(request.user))
    return render(
        request,
        "reviews/reports/report_list.html",
        {
            "reports": reports,
            "published": [] if reports else report_selectors.published_reports(request.user),
            "quarter": chosen_quarter(request.GET.get("quarter"), started_quarters()),
            "quarters": started_quarters(),
            "can_draft": permissions.can_draft_reports(request.user),
        },
    )


@require_GET
def report_detail(request, pk):
    user = request.user
    can_open_exempt = permissions.can_open_exempt_appendices(user)
    try:
        report = permissions.get_report_for_user(user, pk)
    except Http404:  # a member, say: the published versions only, or 404 from there too
        report = permissions.get_published_report_for_user(user, pk)
        readable = report_selectors.readable_file(report, request.user)
        return render(
            request,
            "reviews/reports/report_published.html",
            {
                "report": report,
                "versions": report_selectors.versions_of(report),
                "can_open_exempt": can_open_exempt,
                "body": report_files.readable_body(bytes(readable.content)) if readable else "",
            },
        )
    missing = permissions.clearance_missing(report)
    return render(
        request,
        "reviews/reports/report_detail.html",
        {
            "report": report,
            "document": report_selectors.with_checks(report_selectors.report_document(report)),
            "versions": report_selectors.versions_of(report),
            "can_edit": permissions.can_edit(user, report),
            "can_draft": permissions.can_draft_reports(user),
            "advisers": report_selectors.adviser_steps(user, report),
            "can_confirm_eia": permissions.can_confirm_eia(user, report),
            "can_sign": permissions.can_sign(user, report),
            "can_publish": permissions.can_publish(user, report),
            "publication": report_selectors.publication_to_mention(report),
            "can_record_decision": permissions.can_record_decision(user, report),
            "missing": missing,
            "missing_text": listed(missing) if missing else "",
            "can_return": permissions.can_return(user, report),
            "can_open_exempt": can_open_exempt,
        },
    )


@require_http_methods(["GET", "POST"])
def report_start(request):
    require(permissions.can_draft_reports(request.user))
    quarter = chosen_quarter(request.GET.get("quarter"))
    if quarter is None:
        raise Http404("No quarter to report on.")
    taken = CommitteeReport.objects.filter(quarter=quarter, committee__iexact=DEFAULT_COMMITTEE).exists()
    initial = {
        "committee": "" if taken else DEFAULT_COMMITTEE,
        "subject": f"Performance Management Update ({quarter.label})",
        "report_by": "Head of Audit and Performance Improvement",
        "wards_affected": "N/A",
        "key_decision": "N/A",
    }
    form = ReportStartForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = drafting.start_report(by=request.user, quarter=quarter, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Report started from the {quarter.label} data.")
            return redirect("reports:report_detail", report.pk)
    return render(request, "reviews/reports/report_start.html", {"form": form, "quarter": quarter})


@require_http_methods(["GET", "POST"])
def report_details(request, pk):
    report = _drafting(request, pk)
    fields = [*services.HEADER_FIELDS, "recommendations_intro"]
    form = ReportDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(report, name) for name in fields},
        template=report.template,
    )
    if save_form(
        request,
        form,
        lambda: services.save_details(report=report, by=request.user, **form.cleaned_data),
        success="Details saved.",
        record=report,
    ):
        return redirect("reports:report_detail", report.pk)
    return render(
        request, "reviews/reports/report_form.html", {"form": form, "report": report, "heading": "Report details"}
    )


@require_http_methods(["GET", "POST"])
def report_template(request, pk):
    report = _drafting(request, pk)
    form = TemplateChoiceForm(request.POST if request.method == "POST" else None)
    moved = {}

    def move():
        moved["not_placed"] = services.move_to_template(report=report, by=request.user, **form.cleaned_data)

    def success():
        left = moved.get("not_placed", 0)
        placed = "Every paragraph found its section." if not left else f"{left} not placed: give each a section."
        return f"The report now follows “{form.cleaned_data['template']}”. {placed}"

    if save_form(request, form, move, success=success):
        return redirect("reports:report_detail", report.pk)
    heading = f"Move the report to another template (now: {report.template})"
    return render(request, "reviews/reports/report_form.html", {"form": form, "report": report, "heading": heading})


@require_http_methods(["GET", "POST"])
def paragraph_form(request, pk, paragraph_pk=None, section=None):
    report = _drafting(request, pk)
    paragraph = get_object_or_404(report.paragraphs, pk=paragraph_pk) if paragraph_pk else None
    section = paragraph.section if paragraph else section
    placed = services.section_for(report, section)
    if placed is None and paragraph is None:
        raise Http404
    require(placed is None or not placed.by_adviser)  # the advisers write those
    initial = {"heading": paragraph.heading, "text": paragraph.text, "section": section} if paragraph else {}
    # A paragraph not placed (after a move to another template) is given a section here.
    sections = [s for s in report.template.sections.all() if not s.by_adviser] if placed is None else None
    form = ParagraphForm(request.POST if request.method == "POST" else None, initial=initial, sections=sections)
    if save_form(
        request,
        form,
        lambda: services.save_paragraph(
            report=report,
            by=request.user,
            section=form.cleaned_data.pop("section", None) or section,
            paragraph=paragraph,
            **form.cleaned_data,
        ),
        success="Paragraph saved.",
        record=paragraph,
    ):
        return redirect(f"{_detail_url(report)}#section-{paragraph.section if paragraph else section}")
    where = placed.title if placed else "not placed"
    heading = f"{'Change a' if paragraph else 'Add a'} paragraph: {where}"
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": heading, "paragraph": paragraph},
    )


def _detail_url(report: CommitteeReport) -> str:
    return reverse("reports:report_detail", args=[report.pk])


@require_POST
def paragraph_move(request, pk, paragraph_pk):
    report = _drafting(request, pk)
    paragraph = get_object_or_404(report.paragraphs, pk=paragraph_pk)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest("Say whether to move the paragraph up or down.")
    _try(request, lambda: services.move_paragraph(paragraph=paragraph, by=request.user, up=direction == "up"))
    return redirect(f"{_detail_url(report)}#section-{paragraph.section}")


@require_POST
def paragraph_confirm(request, pk, paragraph_pk):
    report = _drafting(request, pk)
    paragraph = get_object_or_404(report.paragraphs, pk=paragraph_pk)
    _try(request, lambda: services.confirm_paragraph(paragraph=paragraph, by=request.user), "Marked as still applying.")
    return redirect(f"{_detail_url(report)}#section-{paragraph.section}")


@require_POST
def paragraph_include(request, pk, paragraph_pk):
    report = _drafting(request, pk)
    paragraph = get_object_or_404(report.paragraphs, pk=paragraph_pk)
    included = request.POST.get("included")
    if included not in {"yes", "no"}:
        return HttpResponseBadRequest("Say whether to print the paragraph.")
    _try(
        request,
        lambda: services.include_paragraph(paragraph=paragraph, by=request.user, included=included == "yes"),
        "Paragraph put back." if included == "yes" else "Paragraph left out.",
    )
    return redirect(f"{_detail_url(report)}#section-{paragraph.section}")


@require_POST
def report_refresh(request, pk):
    report = _drafting(request, pk)
    _try(request, lambda: messages.success(request, str(drafting.refresh_from_quarter(report=report, by=request.user))))
    return redirect("reports:report_detail", report.pk)


@require_http_methods(["GET", "POST"])
def background_form(request, pk, document_pk=None):
    report = _drafting(request, pk)
    document = get_object_or_404(report.background_documents, pk=document_pk) if document_pk else None
    initial = {"title": document.title, "location": document.location} if document else {"location": "Strategy Unit"}
    form = BackgroundDocumentForm(request.POST if request.method == "POST" else None, initial=initial)
    if save_form(
        request,
        form,
        lambda: services.save_background_document(
            report=report, by=request.user, document=document, **form.cleaned_data
        ),
        success="Background document saved.",
        record=document,
    ):
        return redirect(f"{_detail_url(report)}#background")
    heading = "Change a background document" if document else "Add a background document"
    return render(request, "reviews/reports/report_form.html", {"form": form, "report": report, "heading": heading})


@require_POST
def background_remove(request, pk, document_pk):
    report = _drafting(request, pk)
    return _remove(request, report, get_object_or_404(report.background_documents, pk=document_pk), "background")


def _remove(request, report: CommitteeReport, item, anchor: str):
    _try(request, lambda: services.remove(item=item, by=request.user), f"Removed: {item.title}")
    return redirect(f"{_detail_url(report)}#{anchor}")


@require_http_methods(["GET", "POST"])
def appendix_form(request, pk, appendix_pk):
    report = _drafting(request, pk)
    appendix = get_object_or_404(report.appendices, pk=appendix_pk)
    form = AppendixForm(
        request.POST if request.method == "POST" else None,
        initial={"exempt_paragraph": appendix.exempt_paragraph or ""},
    )
    if save_form(
        request,
        form,
        lambda: services.save_appendix(appendix=appendix, by=request.user, **form.cleaned_data),
        success=f"Saved: {appendix.title}",
        record=appendix,
    ):
        return redirect(f"{_detail_url(report)}#appendices")
    letter = appendix_label(report.template, list(report.appendices.values_list("pk", flat=True)).index(appendix.pk))
    heading = f"Appendix {letter}: {appendix.title}"
    return render(request, "reviews/reports/report_form.html", {"form": form, "report": report, "heading": heading})


@require_http_methods(["GET", "POST"])
def appendix_upload(request, pk):
    report = _drafting(request, pk)
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)

    def upload():
        document = form.cleaned_data.pop("document")
        uploads.check_size(document.size)  # before reading it
        services.upload_appendix(
            report=report, by=request.user, data=document.read(), name=document.name, **form.cleaned_data
        )

    if save_form(request, form, upload, success=lambda: f"Uploaded: {form.cleaned_data['title']}"):
        return redirect(f"{_detail_url(report)}#appendices")
    return render(
        request, "reviews/reports/report_form.html", {"form": form, "report": report, "heading": "Upload an appendix"}
    )


@require_http_methods(["GET", "POST"])
def appendix_add(request, pk):
    report = _drafting(request, pk)
    choices = drafting.appendices_to_add(report)
    form = AppendixAddForm(request.POST if request.method == "POST" else None, appendices=choices)
    if request.method == "POST" and form.is_valid():
        kind, session_id = form.chosen()
        try:
            appendix = drafting.add_appendix(report=report, by=request.user, kind=kind, session_id=session_id)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added: {appendix.title}")
            return redirect(f"{_detail_url(report)}#appendices")
    return render(
        request,
        "reviews/reports/report_form.html",
        {"form": form, "report": report, "heading": "Add an appendix", "nothing_to_add": not choices},
    )


@require_POST
def appendix_remove(request, pk, appendix_pk):
    report = _drafting(request, pk)
    return _remove(request, report, get_object_or_404(report.appendices, pk=appendix_pk), "appendices")
