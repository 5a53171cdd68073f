"""Writes for committee reports: assembling a draft from the quarter, editing it,
clearance (legal, finance, the equality impact assessment, the author's signature),
publication as frozen files, corrections and the committee's decision.

Each step checks who is acting and what state the report is in, so that the admin and
commands cannot skip a step either.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from perfmgmt import workflow
from perfmgmt.history import save_with_history
from perfmgmt.models import Quarter, User
from perfmgmt.ordering import moved, renumber
from reviews import jobs
from reviews.models import (
    BackgroundDocument,
    CommitteeReport,
    ReportAppendix,
    ReportParagraph,
    ReportTemplate,
    TemplateSection,
)
from reviews.reports import notifications as report_notifications
from reviews.reports import permissions, uploads
from reviews.reports.wording import listed, recommendations_intro, when

Status = CommitteeReport.Status
HEADER_FIELDS = (
    "committee",
    "meeting_date",
    "subject",
    "report_by",
    "wards_affected",
    "key_decision",
    "contact_officer",
    "portfolio",
    "exempt_paragraph",
)
ADVISERS_WRITE = "The advisers' comments are printed as they wrote them."
DRAFTERS_ONLY = "Only the Strategy Unit drafts committee reports."
SAME_COMMITTEE = "There is already a report to this committee for {quarter}"


def require_drafter(by: User) -> None:
    if not permissions.can_draft_reports(by):
        raise PermissionDenied(DRAFTERS_ONLY)


def refuse_unless(allowed: bool, report: CommitteeReport, statuses, *, who: str, when: str) -> None:
    """A step its predicate in permissions.py refuses: the wrong status is a message for
    the user (when), the wrong person is refused (who)."""
    if allowed:
        return
    if report.status not in statuses:
        raise ValidationError(when)
    raise PermissionDenied(who)


def locked(report: CommitteeReport) -> CommitteeReport:
    return CommitteeReport.objects.select_for_update(of=("self",)).select_related("quarter").get(pk=report.pk)


def require_editable(report: CommitteeReport, by: User) -> None:
    refuse_unless(
        permissions.can_edit(by, report),
        report,
        permissions.EDITABLE,
        who=DRAFTERS_ONLY,
        when=f"The report is {report.get_status_display().lower()}, so it cannot be changed. "
        "Return it to draft (or start a correction) first.",
    )


def move_to(report: CommitteeReport, to: str, by: User, reason: str, stamp: str | None = None) -> CommitteeReport:
    return workflow.move(
        report, to, by=by, reason=reason, refused="A report that is {status} cannot move to that step.", stamp=stamp
    )


def section_for(report: CommitteeReport, key: str) -> TemplateSection | None:
    """The section of the report's template that paragraphs filed under the key go in."""
    return next((section for section in report.template.sections.all() if section.key == key), None)


def written_by_adviser(report: CommitteeReport, key: str) -> bool:
    section = section_for(report, key)
    return section is not None and section.by_adviser


def check_meeting_date(quarter: Quarter, meeting_date: date) -> None:
    """A quarter is reported to a committee once it has begun, and within the year after."""
    latest = quarter.end.replace(year=quarter.end.year + 1)
    if not quarter.start <= meeting_date <= latest:
        raise ValidationError(
            {
                "meeting_date": f"The meeting date must be between {when(quarter.start)} and {when(latest)} "
                f"for a {quarter.label} report"
            }
        )


# Editing a draft ---------------------------------------------------------------------------------


@transaction.atomic
def save_details(*, report: CommitteeReport, by: User, recommendations_intro: str, **header) -> CommitteeReport:
    report = locked(report)
    require_editable(report, by)
    check_meeting_date(report.quarter, header["meeting_date"])
    committee = header["committee"].strip()
    clash = CommitteeReport.objects.filter(quarter=report.quarter, committee__iexact=committee).exclude(pk=report.pk)
    if clash.exists():
        raise ValidationError({"committee": SAME_COMMITTEE.format(quarter=report.quarter.label)})
    if recommendations_intro.strip() == recommendations_intro_for(report, report.committee):
        recommendations_intro = recommendations_intro_for(report, committee)  # the default words follow the committee
    for name in HEADER_FIELDS:
        if name not in header:
            continue  # a detail the report's template does not print
        value = header[name]
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.recommendations_intro = recommendations_intro.strip()
    save_unique(report, f"Details changed by {by}", by)
    return report


def recommendations_intro_for(report: CommitteeReport, committee: str) -> str:
    return recommendations_intro(report.template, committee)


def save_unique(report: CommitteeReport, reason: str, by: User) -> None:
    """Save, turning a clash with a report saved a moment ago (a double submit, say) into
    the same message as the check before it."""
    try:
        with transaction.atomic():
            save_with_history(report, reason, by)
    except IntegrityError:
        raise ValidationError({"committee": SAME_COMMITTEE.format(quarter=report.quarter.label)}) from None


NOT_PLACED = "not-placed-"  # prefix of a section key that no template has


@transaction.atomic
def move_to_template(*, report: CommitteeReport, by: User, template: ReportTemplate) -> int:
    """File the draft under another template: each paragraph goes to the section of the
    same name, and one with nowhere to go is kept, listed as not placed, until it is given
    a section. Returns how many are not placed."""
    report = locked(report)
    require_editable(report, by)
    if template.pk == report.template_id:
        raise ValidationError({"template": "The report already follows this template"})
    titles = {section.key: section.title.casefold() for section in report.template.sections.all()}
    targets = {section.title.casefold(): section.key for section in template.sections.all()}
    not_placed = 0
    for paragraph in report.paragraphs.all():
        target = targets.get(titles.get(paragraph.section, ""))
        if target is None and paragraph.section.startswith(NOT_PLACED):  # back to a template it had a place in
            original = paragraph.section.removeprefix(NOT_PLACED)
            target = original if any(s.key == original for s in template.sections.all()) else None
        if target is None:
            not_placed += 1
            target = paragraph.section if paragraph.section.startswith(NOT_PLACED) else NOT_PLACED + paragraph.section
            target = target[:60]
        if target != paragraph.section:
            paragraph.section = target
            save_with_history(paragraph, f"Filed under “{template.name}” by {by}", by)
    if report.recommendations_intro == recommendations_intro_for(report, report.committee):
        report.recommendations_intro = recommendations_intro(template, report.committee)
    report.template = template
    save_with_history(report, f"Details changed by {by}: now follows the template “{template.name}”", by)
    return not_placed


@transaction.atomic
def save_paragraph(
    *,
    report: CommitteeReport,
    by: User,
    section: str,
    heading: str,
    text: str,
    paragraph: ReportParagraph | None = None,
) -> ReportParagraph:
    report = locked(report)
    require_editable(report, by)
    chosen = section_for(report, section)
    if chosen is None or chosen.by_adviser:
        raise ValidationError({"section": "Choose a section the Strategy Unit writes"})
    if not text.strip():
        raise ValidationError({"text": "Enter the paragraph's text"})
    if paragraph is None:
        last = report.paragraphs.filter(section=section).aggregate(Max("position"))["position__max"] or 0
        paragraph = ReportParagraph(report=report, section=section, position=last + 1)
    elif paragraph.report_id != report.pk:
        raise PermissionDenied("That paragraph is in another report.")
    if paragraph.pk and paragraph.section != section:  # placed in another section
        last = report.paragraphs.filter(section=section).aggregate(Max("position"))["position__max"] or 0
        paragraph.section, paragraph.position = section, last + 1
    elif paragraph.source and (paragraph.heading, paragraph.text) != (heading.strip(), text.strip()):
        paragraph.edited = True
    if (paragraph.heading, paragraph.text) != (heading.strip(), text.strip()):
        paragraph.carried_from = ""  # edited, so no longer simply carried over
    paragraph.heading, paragraph.text = heading.strip(), text.strip()
    save_with_history(paragraph, f"Written by {by}", by)
    return paragraph


@transaction.atomic
def confirm_paragraph(*, paragraph: ReportParagraph, by: User) -> ReportParagraph:
    """A paragraph carried from the previous report still applies as it is."""
    require_editable(locked(paragraph.report), by)
    if paragraph.carried_from:
        paragraph.carried_from = ""
        save_with_history(paragraph, f"Confirmed by {by}: still applies", by)
    return paragraph


@transaction.atomic
def include_paragraph(*, paragraph: ReportParagraph, by: User, included: bool) -> ReportParagraph:
    """Leave a paragraph out of the printed report (it keeps its place), or put it back."""
    report = locked(paragraph.report)
    require_editable(report, by)
    if written_by_adviser(report, paragraph.section):
        raise ValidationError(ADVISERS_WRITE)
    paragraph.included = included
    save_with_history(paragraph, f"{'Put back' if included else 'Left out'} by {by}", by)
    return paragraph


@transaction.atomic
def move_paragraph(*, paragraph: ReportParagraph, by: User, up: bool) -> None:
    report = locked(paragraph.report)
    require_editable(report, by)
    if written_by_adviser(report, paragraph.section):
        raise ValidationError(ADVISERS_WRITE)
    siblings = report.paragraphs.filter(section=paragraph.section).order_by("position", "pk")
    renumber(moved(siblings, paragraph.pk, up=up), by, f"Moved by {by}")


@transaction.atomic
def save_background_document(
    *, report: CommitteeReport, by: User, title: str, location: str, document: BackgroundDocument | None = None
) -> BackgroundDocument:
    report = locked(report)
    require_editable(report, by)
    if not title.strip():
        raise ValidationError({"title": "Enter the document's title"})
    if not location.strip():
        raise ValidationError({"location": "Enter where the document can be inspected"})
    if document is None:
        last = report.background_documents.aggregate(Max("position"))["position__max"] or 0
        document = BackgroundDocument(report=report, position=last + 1)
    document.title, document.location = title.strip(), location.strip()
    save_with_history(document, f"Saved by {by}", by)
    return document


@transaction.atomic
def upload_appendix(
    *, report: CommitteeReport, by: User, title: str, data: bytes, name: str, exempt_paragraph: int | None = None
) -> ReportAppendix:
    """A PDF of the author's own as an appendix, checked first (uploads.py): one that is
    refused leaves the report as it was."""
    report = locked(report)
    require_editable(report, by)
    if not title.strip():
        raise ValidationError({"title": "Enter the appendix's title"})
    checked = uploads.check_pdf(data)
    last = report.appendices.aggregate(Max("position"))["position__max"] or 0
    appendix = ReportAppendix(
        report=report,
        kind=ReportAppendix.Kind.UPLOADED,
        title=title.strip(),
        position=last + 1,
        exempt_paragraph=exempt_paragraph,
        document=data,
        document_name=name[:255],
        document_pages=checked.pages,
        document_tagged=checked.tagged,
    )
    save_with_history(appendix, f"Uploaded by {by}: {name[:100]} ({checked.pages} pages)", by)
    return appendix


@transaction.atomic
def save_appendix(*, appendix: ReportAppendix, by: User, exempt_paragraph: int | None) -> ReportAppendix:
    require_editable(locked(appendix.report), by)
    appendix.exempt_paragraph = exempt_paragraph
    reason = f"Marked exempt (paragraph {exempt_paragraph}) by {by}" if exempt_paragraph else f"Public, set by {by}"
    save_with_history(appendix, reason, by)
    return appendix


@transaction.atomic
def remove(*, item: BackgroundDocument | ReportAppendix, by: User) -> None:
    """Take a background document or an appendix out of a draft (its history stays)."""
    require_editable(locked(item.report), by)
    item._history_user = by
    item.delete()


# Clearance ---------------------------------------------------------------------------------------


@transaction.atomic
def submit_for_clearance(*, report: CommitteeReport, by: User) -> CommitteeReport:
    report = locked(report)
    refuse_unless(
        permissions.can_edit(by, report),
        report,
        permissions.EDITABLE,
        who=DRAFTERS_ONLY,
        when=f"A report that is {report.get_status_display().lower()} cannot be sent for clearance.",
    )
    printed = set(report.paragraphs.filter(included=True).values_list("section", flat=True))
    missing = [
        section.title
        for section in report.template.sections.all()
        if section.compulsory and not section.by_adviser and section.key not in printed
    ]
    if missing:
        raise ValidationError(f"Before clearance, print at least one paragraph in: {', '.join(missing)}.")
    keys = {section.key for section in report.template.sections.all()}
    if report.paragraphs.filter(included=True).exclude(section__in=keys).exists():
        raise ValidationError(
            "Before clearance, give each paragraph that is not placed a section, or leave it out: each is listed "
            "under Not placed."
        )
    carried = report.paragraphs.filter(included=True).exclude(carried_from="").count()
    if carried:
        raise ValidationError(
            f"Before clearance, edit or confirm the {carried} paragraph{'s' if carried != 1 else ''} carried from "
            "the previous report: each is marked on the report's page."
        )
    report.returned_reason = ""
    move_to(report, Status.IN_CLEARANCE, by, f"Sent for clearance by {by}", stamp="submitted")
    report_notifications.sent_for_clearance(report)
    return report


def _tell_the_author_when_cleared(report: CommitteeReport) -> None:
    if not permissions.clearance_missing(report):
        report_notifications.ready_to_sign(report)


@transaction.atomic
def clear(*, report: CommitteeReport, by: User, area: str, comments: str) -> CommitteeReport:
    """Legal or finance writes its section of the report and clears it."""
    report = locked(report)
    independent = permissions.clears_independently(by, report, area)
    refuse_unless(
        permissions.can_clear(by, report, area),
        report,
        {Status.IN_CLEARANCE},
        who=f"Only a {area} adviser clears this part of the report."
        if independent
        else f"You wrote this report or gave its other clearance, so another {area} adviser must clear it.",
        when="Only a report in clearance can be cleared.",
    )
    paragraphs = [text.strip() for text in comments.replace("\r\n", "\n").split("\n\n") if text.strip()]
    if not paragraphs:
        raise ValidationError({"comments": "Enter your comments for the report"})
    section = adviser_section(report, area).key
    for old in report.paragraphs.filter(section=section):
        old._history_user = by
        old.delete()
    for position, text in enumerate(paragraphs, start=1):
        paragraph = ReportParagraph(report=report, section=section, text=text, position=position)
        save_with_history(paragraph, f"Written by {by} at clearance", by)
    setattr(report, f"{area}_cleared_at", timezone.now())
    setattr(report, f"{area}_cleared_by", by)
    save_with_history(report, f"{area.capitalize()} clearance given by {by}", by)
    _tell_the_author_when_cleared(report)
    return report


@transaction.atomic
def confirm_equality_assessment(*, report: CommitteeReport, by: User) -> CommitteeReport:
    report = locked(report)
    refuse_unless(
        permissions.can_confirm_eia(by, report),
        report,
        {Status.IN_CLEARANCE},
        who="The Strategy Unit confirms the equality impact assessment, and not the report's author.",
        when="The equality impact assessment is confirmed while the report is in clearance.",
    )
    report.eia_confirmed_at, report.eia_confirmed_by = timezone.now(), by
    save_with_history(report, f"Equality impact assessment confirmed by {by}", by)
    _tell_the_author_when_cleared(report)
    return report


def adviser_section(report: CommitteeReport, area: str) -> TemplateSection | None:
    """The section the legal or finance adviser writes in this report's template."""
    return next((section for section in report.template.sections.all() if section.writer == area), None)


@transaction.atomic
def sign(*, report: CommitteeReport, by: User) -> CommitteeReport:
    report = locked(report)
    refuse_unless(
        permissions.can_sign(by, report),
        report,
        {Status.IN_CLEARANCE},
        who="Only the report's author signs it.",
        when="Only a report in clearance can be signed.",
    )
    missing = permissions.clearance_missing(report)
    if missing:
        raise ValidationError(f"The report still needs {listed(missing)} before it can be signed.")
    report.signed_at = timezone.now()
    move_to(report, Status.SIGNED, by, f"Signed by {by}")
    report_notifications.ready_to_publish(report)
    return report


CLEARANCE = (*(f"{area}_cleared" for area in permissions.ADVISER_ROLES), "eia_confirmed")


def stamps(source) -> dict:
    """Who sent it for clearance, cleared it and confirmed the EIA, and when: the report's
    own fields, and a copy on each published version."""
    steps = ("submitted", *CLEARANCE)
    return {f"{step}_{field}": getattr(source, f"{step}_{field}") for step in steps for field in ("at", "by")}


def _forget_clearance(report: CommitteeReport) -> None:
    for name in ("submitted", *CLEARANCE):
        setattr(report, f"{name}_at", None)
        setattr(report, f"{name}_by", None)
    report.signed_at = None


@transaction.atomic
def return_to_draft(*, report: CommitteeReport, by: User, reason: str = "") -> CommitteeReport:
    """Back to the Strategy Unit for changes, with the reason (which only the Strategy Unit
    may leave out): every clearance must then be given again."""
    report = locked(report)
    refuse_unless(
        permissions.can_return(by, report),
        report,
        {Status.IN_CLEARANCE, Status.SIGNED},
        who="You cannot return the report at this step.",
        when="Only a report in clearance or signed can be returned.",
    )
    if not reason.strip() and not permissions.can_draft_reports(by):
        raise ValidationError({"reason": "Say what needs to change"})
    if jobs.publication_under_way(report):
        raise ValidationError("The report is being published. Wait until it is, then start a correction.")
    was_signed = report.status == Status.SIGNED
    _forget_clearance(report)
    report.returned_reason = f"{by}: {reason.strip()}" if reason.strip() else ""
    back = Status.CORRECTING if report.versions.exists() else Status.DRAFT
    move_to(report, back, by, f"Returned by {by}" + (f": {reason.strip()}" if reason.strip() else ""))
    report_notifications.returned(report, by, reason.strip(), was_signed=was_signed)
    return report


# Publication, corrections and the decision -------------------------------------------------------


@transaction.atomic
def start_correction(*, report: CommitteeReport, by: User, reason: str) -> CommitteeReport:
    report = locked(report)
    refuse_unless(
        permissions.can_correct(by, report),
        report,
        {Status.PUBLISHED},
        who=DRAFTERS_ONLY,
        when="Only a published report can be corrected.",
    )
    if not reason.strip():
        raise ValidationError({"reason": "Say what needs correcting"})
    report.correction_reason, report.returned_reason = reason.strip(), ""
    report.correction_started_at = timezone.now()
    _forget_clearance(report)  # the correction is cleared and signed like the first version
    return move_to(report, Status.CORRECTING, by, f"Correction started by {by}: {reason.strip()}")


def _changed_since(report: CommitteeReport, since) -> bool:
    """Whether anyone has changed the report's text, details, documents or appendices."""
    return (
        any(
            model.history.filter(report_id=report.pk, history_date__gt=since).exists()
            for model in (ReportParagraph, BackgroundDocument, ReportAppendix)
        )
        or CommitteeReport.history.filter(
            id=report.pk, history_date__gt=since, history_change_reason__startswith="Details changed"
        ).exists()
    )


@transaction.atomic
def cancel_correction(*, report: CommitteeReport, by: User) -> CommitteeReport:
    """Drop a correction started by mistake, before anything is changed: the published
    version stands, with its clearance as it was."""
    report = locked(report)
    refuse_unless(
        permissions.can_cancel_correction(by, report),
        report,
        {Status.CORRECTING},
        who=DRAFTERS_ONLY,
        when="Only a correction that has not gone for clearance can be dropped.",
    )
    if _changed_since(report, report.correction_started_at):
        raise ValidationError(
            "The correction has already changed the report, so it cannot be dropped: send it for clearance and "
            "publish it as a new version."
        )
    latest = report.versions.order_by("-number").first()
    for name, value in stamps(latest).items():
        setattr(report, name, value)
    report.signed_at, report.correction_reason, report.returned_reason = latest.signed_at, "", ""
    report.correction_started_at = None
    return move_to(report, Status.PUBLISHED, by, f"Correction dropped by {by}")


@transaction.atomic
def record_decision(
    *, report: CommitteeReport, by: User, decision: str, decided_on: date, amendments: str = ""
) -> CommitteeReport:
    report = locked(report)
    refuse_unless(
        permissions.can_record_decision(by, report),
        report,
        {Status.PUBLISHED},
        who="Only the committee clerk records the committee's decision.",
        when="Record the committee's decision once the report is published (and any correction too).",
    )
    if decision not in CommitteeReport.Decision.values:
        raise ValidationError({"decision": "Choose what the committee decided"})
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "The decision date cannot be in the future"})
    if decided_on < report.meeting_date:
        raise ValidationError(
            {"decided_on": f"The decision date cannot be before the meeting ({when(report.meeting_date)})"}
        )
    if decision == CommitteeReport.Decision.APPROVED_AS_AMENDED and not amendments.strip():
        raise ValidationError({"amendments": "Enter the amendments the committee made"})
    report.decision, report.decision_date = decision, decided_on
    report.amendments = amendments.strip() if decision == CommitteeReport.Decision.APPROVED_AS_AMENDED else ""
    report.decision_recorded_at, report.decision_recorded_by = timezone.now(), by
    save_with_history(report, f"Decision recorded by {by}: {report.get_decision_display()}", by)
    return report
