"""Drafting a committee report from the quarter's data: the narrative it starts from, the
paragraphs generated from Board outcomes, themes, actions and user voice, the suggested
background documents and appendices, and refreshing them when the data moves on.

Depends on services.py for the guards every write shares; services.py never imports this.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from perfmgmt.history import save_with_history
from perfmgmt.models import Quarter, User
from reviews.models import BackgroundDocument, CommitteeReport, ReportAppendix, ReportParagraph, Section
from reviews.reports import permissions
from reviews.reports.selectors import QuarterEvidence, previous_report, quarter_evidence
from reviews.reports.services import (
    ADVISER_SECTIONS,
    SAME_COMMITTEE,
    check_meeting_date,
    locked,
    recommendations_for,
    require_drafter,
    require_editable,
    save_unique,
)
from reviews.reports.wording import listed, when

DEFAULT_NARRATIVE = {
    Section.SUMMARY: [
        "The {quarter} performance management update presents to members the progress of the performance "
        "framework and the areas of concern highlighted in discussions this quarter."
    ],
    Section.PURPOSE: ["To outline the areas of concern emerging this quarter and set out next steps."],
    Section.RECOMMENDATIONS: ["Issues raised in section 5", "Next steps as set out in section 6"],
    Section.EQUALITY: [
        "An Equality Impact Assessment will be maintained alongside the development of the framework to ensure "
        "that full consideration is given to equality issues."
    ],
}


@transaction.atomic
def start_report(
    *,
    by: User,
    quarter: Quarter,
    committee: str,
    meeting_date: date,
    subject: str,
    report_by: str,
    author: User,
    wards_affected: str = "N/A",
    key_decision: str = "N/A",
    from_previous: bool = False,
) -> CommitteeReport:
    """A draft filled from the quarter: which groupings have reported, each discussed
    worry with its outcome and actions, the themes, the reflection session, the action
    plan and the user-voice evidence. Narrative sections come from the previous quarter's
    report when asked, or start from plain defaults."""
    require_drafter(by)
    check_meeting_date(quarter, meeting_date)
    if not permissions.can_author(author):
        raise ValidationError({"author": "Choose an officer who can sign in: a head of service, director or officer"})
    if CommitteeReport.objects.filter(quarter=quarter, committee__iexact=committee.strip()).exists():
        raise ValidationError({"committee": SAME_COMMITTEE.format(quarter=quarter.label)})
    previous = previous_report(quarter, committee.strip()) if from_previous else None
    if from_previous and previous is None:
        raise ValidationError({"from_previous": "There is no earlier report to this committee to start from"})
    report = CommitteeReport(
        quarter=quarter,
        committee=committee.strip(),
        meeting_date=meeting_date,
        subject=subject.strip(),
        report_by=report_by.strip(),
        author=author,
        wards_affected=wards_affected.strip() or "N/A",
        key_decision=key_decision.strip() or "N/A",
        recommendations_intro=previous.recommendations_intro if previous else recommendations_for(committee.strip()),
        created_by=by,
    )
    save_unique(report, f"Started by {by} from the {quarter.label} data", by)
    evidence = quarter_evidence(quarter)
    paragraphs = _narrative(report, previous) + _generated(report, evidence)
    for position, paragraph in enumerate(paragraphs, start=1):
        paragraph.position = position
        save_with_history(paragraph, "Assembled when the report was started", by)
    _suggest_background_documents(report, evidence, by)
    _suggest_appendices(report, evidence, by)
    return report


def _narrative(report: CommitteeReport, previous: CommitteeReport | None) -> list[ReportParagraph]:
    if previous is not None:
        return [
            ReportParagraph(report=report, section=p.section, heading=p.heading, text=p.text, included=p.included)
            for p in previous.paragraphs.filter(source="").exclude(section__in=ADVISER_SECTIONS.values())
        ]
    return [
        ReportParagraph(report=report, section=section, text=text.format(quarter=report.quarter.label))
        for section, texts in DEFAULT_NARRATIVE.items()
        for text in texts
    ]


def _generated(report: CommitteeReport, evidence: QuarterEvidence) -> list[ReportParagraph]:
    quarter = report.quarter.label
    out = []

    def add(key, section, text, source, heading=""):
        paragraph = ReportParagraph(report=report, section=section, heading=heading, text=text, source=source)
        paragraph.source_key = key
        out.append(paragraph)

    if evidence.held_sessions:
        names = listed([session.grouping.name for session in evidence.held_sessions])
        add(
            "groupings",
            Section.CONTEXT,
            f"So far, directorate reports have been received from: {names}.",
            f"Board sessions held in {quarter}",
        )
    if evidence.discussed:
        add(
            "specific-issues",
            Section.ISSUES,
            "Specific performance issues raised so far include:",
            f"Board outcomes in {quarter}",
        )
    for item in evidence.discussed:
        outcome, worry = item.outcome, item.worry
        actions = [action.title for action in outcome.actions.all()]
        text = " ".join(part for part in (worry.evidence.strip(), outcome.discussion.strip()) if part)
        if actions:
            text += " Agreed actions: " + "; ".join(actions) + "."
        add(
            f"worry:{worry.pk}",
            Section.ISSUES,
            text,
            f"Worry from {worry.worry_list.service.name} and its outcome at the {item.session.grouping.name} "
            f"session, {when(item.session.date)}",
            heading=worry.title,
        )
    if evidence.themes:
        add(
            "thematic-issues",
            Section.ISSUES,
            "Alongside these specific performance issues, a number of more thematic issues have been raised, "
            "including:",
            f"Themes raised in {quarter}",
        )
    for theme in evidence.themes:
        text = " ".join(part for part in (theme.description.strip(), theme.response.strip()) if part)
        add(f"theme:{theme.pk}", Section.ISSUES, text, f"Theme “{theme.name}” and the Board's response", theme.name)
    if evidence.reflection is not None:
        reflection = evidence.reflection
        if reflection.status == reflection.Status.HELD:
            text = (
                f"The Strategic Directors reflected on the themes emerging at their session on {when(reflection.date)}"
                " and considered a response."
            )
        else:
            text = (
                "It has been agreed that when all DMT-led discussions are complete, there will be a session for "
                f"Strategic Directors to reflect on the themes emerging and consider a response, on "
                f"{when(reflection.date)}. This will be reported back to the next meeting of the {report.committee}."
            )
        add("reflection", Section.ISSUES, text, f"Reflection session, {when(reflection.date)}")
    if evidence.actions:
        count = len(evidence.actions)
        add(
            "action-plan",
            Section.FURTHER_DEVELOPMENT,
            f"The Board agreed {count} action{'s' if count != 1 else ''} in {quarter}. The action plan sets out "
            "each action, its owner and due date so that progress can be checked.",
            f"Action plan for {quarter}",
        )
    for item in evidence.user_voice:
        text = " ".join(part for part in (item.summary, item.key_figures, item.changes) if part.strip())
        source = f"User voice: {item.title} ({item.get_source_display()})"
        add(f"user-voice:{item.pk}", Section.USER_VOICE, text, source, item.title)
    return out


def _suggest_background_documents(report: CommitteeReport, evidence: QuarterEvidence, by: User) -> None:
    """Section 100D: the Board's session records and the annexes the report relied on."""
    titles = [
        f"Record of the Strategic Directors Board session with the {s.grouping.name} grouping, {when(s.date)}"
        for s in evidence.held_sessions
    ] + [f"Annex for the {s.grouping.name} session, {report.quarter.label}" for s in evidence.annex_sessions]
    for position, title in enumerate(titles, start=1):
        document = BackgroundDocument(report=report, title=title, location="Strategy Unit", position=position)
        save_with_history(document, "Suggested from what the report used", by)


def _appendices_from(report: CommitteeReport, evidence: QuarterEvidence) -> list[ReportAppendix]:
    appendices = []
    if evidence.actions:
        appendices.append(
            ReportAppendix(
                report=report, kind=ReportAppendix.Kind.ACTION_PLAN, title=f"Action plan, {report.quarter.label}"
            )
        )
    for session in evidence.annex_sessions:
        appendices.append(
            ReportAppendix(
                report=report,
                kind=ReportAppendix.Kind.ANNEX,
                session=session,
                title=f"Annex: {session.grouping.name}, {when(session.date)}",
            )
        )
    return appendices


def _suggest_appendices(report: CommitteeReport, evidence: QuarterEvidence, by: User) -> None:
    for position, appendix in enumerate(_appendices_from(report, evidence), start=1):
        appendix.position = position
        save_with_history(appendix, "Suggested from the quarter's action plan and annexes", by)


@dataclass(frozen=True)
class Refreshed:
    updated: int
    added: int
    left_out: int
    kept: int  # edited by hand, so left as they are

    def __str__(self) -> str:
        parts = [
            f"{self.updated} updated",
            f"{self.added} added",
            f"{self.left_out} left out (no longer in the data)",
            f"{self.kept} you had edited kept as they are",
        ]
        return "Generated paragraphs: " + ", ".join(parts) + "."


@transaction.atomic
def refresh_from_quarter(*, report: CommitteeReport, by: User) -> Refreshed:
    """Bring the generated paragraphs up to date with the quarter's data (a session held,
    a theme's response agreed) without touching what anyone has written or edited."""
    report = locked(report)
    require_editable(report, by)
    existing = {p.source_key: p for p in report.paragraphs.exclude(source_key="")}
    fresh = _generated(report, quarter_evidence(report.quarter))
    updated = added = kept = 0
    for new in fresh:
        old = existing.pop(new.source_key, None)
        if old is None:
            last = report.paragraphs.filter(section=new.section).aggregate(Max("position"))["position__max"] or 0
            new.position = last + 1
            save_with_history(new, f"Added from the quarter's data by {by}", by)
            added += 1
        elif old.edited:
            kept += 1
        elif (old.heading, old.text, old.source) != (new.heading, new.text, new.source):
            old.heading, old.text, old.source = new.heading, new.text, new.source
            save_with_history(old, f"Refreshed from the quarter's data by {by}", by)
            updated += 1
    left_out = 0
    for gone in existing.values():
        if gone.included and not gone.edited:
            gone.included = False
            save_with_history(gone, f"Left out by {by}: no longer in the quarter's data", by)
            left_out += 1
    return Refreshed(updated, added, left_out, kept)


def appendices_to_add(report: CommitteeReport) -> list[ReportAppendix]:
    """The action plan and the quarter's ready annexes that are not appendices yet."""
    evidence = quarter_evidence(report.quarter)
    have = {(a.kind, a.session_id) for a in report.appendices.all()}
    return [a for a in _appendices_from(report, evidence) if (a.kind, a.session_id) not in have]


@transaction.atomic
def add_appendix(*, report: CommitteeReport, by: User, kind: str, session_id: int | None) -> ReportAppendix:
    report = locked(report)
    require_editable(report, by)
    appendix = next((a for a in appendices_to_add(report) if (a.kind, a.session_id) == (kind, session_id)), None)
    if appendix is None:
        raise ValidationError({"appendix": "Choose an appendix from the list"})
    last = report.appendices.aggregate(Max("position"))["position__max"] or 0
    appendix.position = last + 1
    save_with_history(appendix, f"Added by {by}", by)
    return appendix
