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
from perfmgmt.plans.selectors import council_scorecard
from perfmgmt.rag import Rag
from perfmgmt.selectors import previous_quarter
from reviews.models import (
    BackgroundDocument,
    CommitteeReport,
    DefaultTemplate,
    ReportAppendix,
    ReportParagraph,
    ReportTemplate,
    TemplateSection,
)
from reviews.reports import permissions
from reviews.reports.selectors import QuarterEvidence, previous_report, quarter_evidence
from reviews.reports.services import (
    SAME_COMMITTEE,
    check_meeting_date,
    locked,
    require_drafter,
    require_editable,
    save_unique,
)
from reviews.reports.shipped import governance_and_audit
from reviews.reports.wording import fill, listed, recommendations_intro, when
from worrylists.selectors import worry_changes

Block = TemplateSection.Block


def template_for(committee: str) -> ReportTemplate:
    """The committee's default template; else the oldest, which is the one the product
    ships with unless it has been removed (then it is made again)."""
    default = DefaultTemplate.objects.filter(committee__name__iexact=committee).select_related("template").first()
    if default is not None:
        return default.template
    return ReportTemplate.objects.order_by("pk").first() or governance_and_audit()


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
    contact_officer: str = "",
    portfolio: str = "",
    template: ReportTemplate | None = None,
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
    # The template as it is now (the one given may have been read before a change).
    template = ReportTemplate.objects.get(pk=template.pk) if template else template_for(committee.strip())
    report = CommitteeReport(
        quarter=quarter,
        template=template,
        contact_officer=contact_officer.strip(),
        portfolio=portfolio.strip(),
        committee=committee.strip(),
        meeting_date=meeting_date,
        subject=subject.strip(),
        report_by=report_by.strip(),
        author=author,
        wards_affected=wards_affected.strip() or "N/A",
        key_decision=key_decision.strip() or "N/A",
        recommendations_intro=previous.recommendations_intro
        if previous and previous.template_id == template.pk
        else recommendations_intro(template, committee.strip()),
        created_by=by,
    )
    save_unique(report, f"Started by {by} from the {quarter.label} data", by)
    evidence = quarter_evidence(quarter)
    for paragraph in first_paragraphs(report, list(template.sections.all()), previous, evidence):
        save_with_history(paragraph, "Assembled when the report was started", by)
    _suggest_background_documents(report, evidence, by)
    _suggest_appendices(report, evidence, by)
    return report


def first_paragraphs(
    report: CommitteeReport,
    sections: list[TemplateSection],
    previous: CommitteeReport | None = None,
    evidence: QuarterEvidence | None = None,
) -> list[ReportParagraph]:
    """The paragraphs a new report starts with, in order, not yet saved: also what a
    template's preview shows."""
    evidence = evidence or quarter_evidence(report.quarter)
    paragraphs = _narrative(report, sections, previous) + _generated(report, sections, evidence)
    for position, paragraph in enumerate(paragraphs, start=1):
        paragraph.position = position
    return paragraphs


def _narrative(
    report: CommitteeReport, sections: list[TemplateSection], previous: CommitteeReport | None
) -> list[ReportParagraph]:
    """The sections written by hand: the previous report's words where a section of the
    same name is there to take them, or else the template's default text."""
    written = [
        section
        for section in sections
        if not section.by_adviser and section.block in (Block.NONE, Block.RECOMMENDATIONS)
    ]
    if previous is not None:
        titles = {section.title.casefold(): section.key for section in previous.template.sections.all()}
        keys = {titles.get(section.title.casefold(), section.key): section.key for section in written}
        return [
            ReportParagraph(
                report=report,
                section=keys[p.section],
                heading=p.heading,
                text=p.text,
                included=p.included,
                carried_from=previous.quarter.label,
            )
            for p in previous.paragraphs.filter(source="")
            if p.section in keys
        ]
    return [
        ReportParagraph(report=report, section=section.key, text=fill(text.strip(), report))
        for section in written
        for text in section.default_text.replace("\r\n", "\n").split("\n\n")
        if text.strip()
    ]


def _generated(
    report: CommitteeReport, sections: list[TemplateSection], evidence: QuarterEvidence
) -> list[ReportParagraph]:
    """The paragraphs each of the template's blocks writes from the quarter's data, in the
    first section that has the block; a block the template does not have writes nothing."""
    quarter = report.quarter.label
    out = []
    home = {}
    for section in sections:
        home.setdefault(section.block, section.key)

    def add(key, block, text, source, heading=""):
        if block not in home:
            return
        paragraph = ReportParagraph(report=report, section=home[block], heading=heading, text=text, source=source)
        paragraph.source_key = key
        out.append(paragraph)

    if evidence.held_sessions:
        names = listed([session.grouping.name for session in evidence.held_sessions])
        add(
            "groupings",
            Block.GROUPINGS,
            f"So far, directorate reports have been received from: {names}.",
            f"Board sessions held in {quarter}",
        )
    if evidence.discussed:
        add(
            "specific-issues",
            Block.BOARD_ISSUES,
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
            Block.BOARD_ISSUES,
            text,
            f"Worry from {worry.worry_list.service.name} and its outcome at the {item.session.grouping.name} "
            f"session, {when(item.session.date)}",
            heading=worry.title,
        )
    if evidence.not_raised:
        counts: dict[str, int] = {}
        for item in evidence.not_raised:
            counts[item.session.grouping.name] = counts.get(item.session.grouping.name, 0) + 1
        total = len(evidence.not_raised)
        by_grouping = listed([f"{count} from {name}" for name, count in counts.items()])
        add(
            "other-worries",
            Block.BOARD_ISSUES,
            f"The Board also discussed {total} other worr{'ies' if total != 1 else 'y'}: {by_grouping}. "
            "Each is listed, with its outcome, in the appendix of other worries the Board discussed.",
            f"Board outcomes in {quarter} not raised with the committee",
        )
    if evidence.themes:
        add(
            "thematic-issues",
            Block.BOARD_ISSUES,
            "Alongside these specific performance issues, a number of more thematic issues have been raised, "
            "including:",
            f"Themes raised in {quarter}",
        )
    for theme in evidence.themes:
        text = " ".join(part for part in (theme.description.strip(), theme.response.strip()) if part)
        add(f"theme:{theme.pk}", Block.BOARD_ISSUES, text, f"Theme “{theme.name}” and the Board's response", theme.name)
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
        add("reflection", Block.BOARD_ISSUES, text, f"Reflection session, {when(reflection.date)}")
    if evidence.actions:
        count = len(evidence.actions)
        add(
            "action-plan",
            Block.ACTION_PLAN,
            f"The Board agreed {count} action{'s' if count != 1 else ''} in {quarter}. The action plan sets out "
            "each action, its owner and due date so that progress can be checked.",
            f"Action plan for {quarter}",
        )
    if evidence.plan_state.total:
        state = evidence.plan_state
        add(
            "action-plan-state",
            Block.ACTION_PLAN,
            f"Of the {state.total} action{'s' if state.total != 1 else ''} on the action plan at "
            f"{when(report.quarter.end)}, {state.overdue} "
            f"{'are' if state.overdue != 1 else 'is'} overdue, {state.at_risk} at risk or off track, and "
            f"{state.completed} {'were' if state.completed != 1 else 'was'} completed in {quarter}.",
            f"Action plan at the end of {quarter}",
        )
    for item in evidence.user_voice:
        text = " ".join(part for part in (item.summary, item.key_figures, item.changes) if part.strip())
        source = f"User voice: {item.title} ({item.get_source_display()})"
        add(f"user-voice:{item.pk}", Block.USER_VOICE, text, source, item.title)
    if Block.EXCEPTIONS in home or Block.SUMMARY_COUNTS in home:
        _measures(report, add)
    if Block.CHANGES in home:
        _changes(report, add)
    return out


def _changes(report: CommitteeReport, add) -> None:
    """What changed since last quarter: the worries, new, persisting and resolved, and the
    measures whose status moved."""
    quarter, previous = report.quarter, previous_quarter(report.quarter)
    since = previous.label if previous else "last quarter"
    worries = worry_changes(quarter, previous)
    add(
        "changes-worries",
        Block.CHANGES,
        f"Services raised {worries.new} new worr{'ies' if worries.new != 1 else 'y'} in {quarter.label}, and "
        f"{worries.persisting} carried from earlier quarters"
        + (f" (the longest open for {worries.longest_open} quarters)" if worries.longest_open > 1 else "")
        + f". {worries.resolved_last_quarter} worr{'ies' if worries.resolved_last_quarter != 1 else 'y'} "
        f"raised in {since} {'were' if worries.resolved_last_quarter != 1 else 'was'} resolved.",
        f"Worry lists for {quarter.label} and {since}",
    )
    if previous is None:
        return
    before = {}
    for row in council_scorecard(previous):
        before[row.measure.pk] = row.rag
    moved = []
    for row in council_scorecard(quarter):
        earlier = before.get(row.measure.pk) or before.get(row.measure.carried_from_id)
        if earlier is not None and earlier != row.rag and Rag.NO_DATA not in (earlier, row.rag):
            moved.append(
                f"{row.measure.title} ({row.service.name}) from {earlier.label.lower()} to {row.rag.label.lower()}"
            )
    if moved:
        shown = moved[:10] + ([f"{len(moved) - 10} more, in the scorecard"] if len(moved) > 10 else [])
        text = f"Since {since}, {len(moved)} measure{'s' if len(moved) != 1 else ''} changed status: {listed(shown)}."
    else:
        text = f"No measure changed status since {since}."
    add("changes-measures", Block.CHANGES, text, f"Scorecards for {since} and {quarter.label}")


def _measures(report: CommitteeReport, add) -> None:
    """The summary counts' sentence and one paragraph for each red or amber measure, with
    the scorecard's figures, commentary and corrective action."""
    quarter = report.quarter.label
    rows = council_scorecard(report.quarter)
    counts = {rag: sum(1 for row in rows if row.rag == rag) for rag in Rag}
    add(
        "summary-counts",
        Block.SUMMARY_COUNTS,
        f"Of the {len(rows)} measures in the service business plans for {quarter}, {counts[Rag.RED]} are red, "
        f"{counts[Rag.AMBER]} amber and {counts[Rag.GREEN]} green; {counts[Rag.NO_DATA]} have no figure yet.",
        f"Scorecard for {quarter}",
    )
    for row in rows:
        if row.rag not in (Rag.RED, Rag.AMBER):
            continue
        parts = [f"{row.rag.label}: {row.actual} against a target of {row.target}."]
        if row.commentary.strip():
            parts.append(row.commentary.strip())
        if row.corrective_action.strip():
            parts.append(f"Corrective action: {row.corrective_action.strip()}")
        add(
            f"measure:{row.measure.pk}",
            Block.EXCEPTIONS,
            " ".join(parts),
            f"Scorecard for {quarter}: {row.service.name}",
            heading=row.measure.title,
        )


def _suggest_background_documents(report: CommitteeReport, evidence: QuarterEvidence, by: User) -> None:
    """Section 100D: the Board's session records and the annexes the report relied on."""
    titles = [
        f"Record of the Strategic Directors Board session with the {s.grouping.name} grouping, {when(s.date)}"
        for s in evidence.held_sessions
    ] + [f"Annex for the {s.grouping.name} session, {report.quarter.label}" for s in evidence.annex_sessions]
    for position, title in enumerate(titles, start=1):
        document = BackgroundDocument(report=report, title=title, location="Strategy Unit", position=position)
        save_with_history(document, "Suggested from what the report used", by)


def _appendices_from(report: CommitteeReport, evidence: QuarterEvidence, *, scorecard: bool) -> list[ReportAppendix]:
    appendices = []
    if evidence.not_raised:
        appendices.append(
            ReportAppendix(
                report=report,
                kind=ReportAppendix.Kind.OTHER_WORRIES,
                title=f"Other worries the Board discussed, {report.quarter.label}",
            )
        )
    if evidence.actions:
        appendices.append(
            ReportAppendix(
                report=report, kind=ReportAppendix.Kind.ACTION_PLAN, title=f"Action plan, {report.quarter.label}"
            )
        )
    if scorecard:
        appendices.append(
            ReportAppendix(
                report=report,
                kind=ReportAppendix.Kind.SCORECARD,
                title=f"Scorecard of measures, {report.quarter.label}",
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
    suggested = _appendices_from(report, evidence, scorecard=report.template.scorecard_appendix)
    for position, appendix in enumerate(suggested, start=1):
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
            f"{self.left_out} left out (no longer in the data, or the template has no place for them)",
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
    fresh = _generated(report, list(report.template.sections.all()), quarter_evidence(report.quarter))
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
        elif (old.heading, old.text, old.source, old.section) != (new.heading, new.text, new.source, new.section):
            if old.section != new.section:  # the block is now in another section of the template
                last = report.paragraphs.filter(section=new.section).aggregate(Max("position"))["position__max"] or 0
                old.section, old.position = new.section, last + 1
            old.heading, old.text, old.source = new.heading, new.text, new.source
            save_with_history(old, f"Refreshed from the quarter's data by {by}", by)
            updated += 1
    left_out = 0
    for gone in existing.values():
        if gone.included and not gone.edited:
            gone.included = False
            save_with_history(gone, f"Left out by {by}: no longer in the quarter's data or the template", by)
            left_out += 1
    return Refreshed(updated, added, left_out, kept)


def appendices_to_add(report: CommitteeReport) -> list[ReportAppendix]:
    """The action plan, the quarter's ready annexes and the scorecard (if the template has
    it) that are not appendices yet."""
    evidence = quarter_evidence(report.quarter)
    have = {(a.kind, a.session_id) for a in report.appendices.all()}
    return [a for a in _appendices_from(report, evidence, scorecard=True) if (a.kind, a.session_id) not in have]


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
