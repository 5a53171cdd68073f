"""Reads for committee reports: the numbered document that the page, the PDF and the
Word file all print, the appendices' contents, and what a new report is assembled from."""

import re
from dataclasses import dataclass, field, replace
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from perfmgmt.models import Quarter, User
from reviews.annexes.selectors import annexes_contents
from reviews.board import selectors
from reviews.models import (
    Action,
    AgendaItem,
    Annex,
    AnnexNote,
    BackgroundDocument,
    BoardSession,
    CommitteeReport,
    DocumentJob,
    Outcome,
    ReportAppendix,
    ReportFile,
    ReportParagraph,
    ReportTemplate,
    ReportVersion,
    TemplateHeaderRow,
    TemplateSection,
    Theme,
    UserVoice,
)
from reviews.reports import blocks, permissions
from reviews.reports import wording as report_text
from reviews.reports.numbering import NumberedSection, appendix_label, number_report


@dataclass(frozen=True)
class Appendix:
    appendix: ReportAppendix
    letter: str
    # What the pack prints: the action plan's rows, the annex's contents, or the scorecard.
    actions: list = field(default_factory=list)
    other_actions: list["CountedActions"] = field(default_factory=list)
    annex: dict = field(default_factory=dict)
    table: blocks.KpiTable | None = None
    worries: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.appendix.title

    @property
    def exempt(self) -> bool:
        return self.appendix.exempt_paragraph is not None

    @property
    def anchor(self) -> str:
        return f"appendix-{self.letter.lower()}"

    @property
    def line(self) -> str:
        return report_text.appendix_line(self)

    @property
    def uploaded_pages(self) -> range:
        """Page numbers of an uploaded PDF: each is a page of the pack that its page replaces."""
        return range(1, (self.appendix.document_pages or 0) + 1)

    @property
    def exemption(self) -> str:
        return report_text.exemption(self.appendix.exempt_paragraph) if self.exempt else ""


@dataclass(frozen=True)
class ReportDocument:
    report: CommitteeReport
    header_rows: list[tuple[str, str]]
    sections: list[NumberedSection]
    background_documents: list[BackgroundDocument]
    appendices: list[Appendix]
    not_placed: list[ReportParagraph] = field(default_factory=list)  # after a move to another template
    draft: bool = False  # a preview, marked DRAFT on every page; never a published file

    @property
    def template(self) -> ReportTemplate:
        return self.report.template

    @property
    def title(self) -> str:
        return self.report.subject

    @property
    def description(self) -> str:
        return report_text.description(self.report)

    @property
    def signature(self) -> str:
        return report_text.signature(self.report)

    @property
    def decision_sentence(self) -> str:
        return report_text.decision_sentence(self.report)

    @property
    def background_heading(self) -> str:
        return self.template.background_heading

    @property
    def background_intro(self) -> str:
        return self.template.background_intro

    @property
    def exempt(self) -> str:
        """Why the whole report is withheld from the public (Part II), or ''."""
        paragraph = self.report.exempt_paragraph
        return report_text.exemption(paragraph) if paragraph is not None else ""

    @property
    def exempt_appendices(self) -> list[Appendix]:
        return [appendix for appendix in self.appendices if appendix.exempt]

    @property
    def public_appendices(self) -> list[Appendix]:
        return [appendix for appendix in self.appendices if not appendix.exempt]

    def size(self) -> int:
        """Characters of report text (headings and paragraphs)."""
        return sum(
            len(p.paragraph.heading) + len(p.paragraph.text) for section in self.sections for p in section.printed
        )


def template_parts(template: ReportTemplate) -> tuple[list[TemplateSection], list[TemplateHeaderRow]]:
    sections = list(template.sections.select_related("kpi_directorate", "kpi_service"))
    return sections, list(template.header_rows.all())


def report_document(report: CommitteeReport, *, with_appendix_contents: bool = False) -> ReportDocument:
    """The report as its template prints it, with the blocks of the quarter's data that
    are drawn afresh each time (tables and charts) until the report is published."""
    sections, rows = template_parts(report.template)
    return assemble(report, sections, rows, list(report.paragraphs.all()), with_appendix_contents)


def assemble(report, sections, rows, paragraphs, with_appendix_contents=False) -> ReportDocument:
    """A report document from its parts: also a preview of a template, from paragraphs
    not saved anywhere."""
    appendices = []
    stored = (
        report.appendices.select_related("session__grouping", "session__quarter__financial_year") if report.pk else []
    )
    if stored and not with_appendix_contents:
        stored = stored.defer("document")
    stored = list(stored)
    annexes = _annexes_of(stored) if with_appendix_contents else {}
    for index, appendix in enumerate(stored):
        contents = {}
        if with_appendix_contents:
            contents = _appendix_contents(report, appendix, annexes)
        appendices.append(Appendix(appendix, appendix_label(report.template, index), **contents))
    numbered, not_placed = number_report(report.template, sections, paragraphs)
    numbered = [blocks.with_block(report, section) for section in numbered]
    return ReportDocument(
        report=report,
        header_rows=report_text.header_rows(report, rows),
        sections=numbered,
        background_documents=list(report.background_documents.all()) if report.pk else [],
        appendices=appendices,
        not_placed=not_placed,
    )


def check(report: CommitteeReport, paragraph: ReportParagraph) -> str:
    """What to look at again in a printed paragraph before the committee sees it: carried
    from an earlier report, or naming another quarter or year than the report's."""
    if not paragraph.included:
        return ""
    if paragraph.carried_from:
        return f"Carried from {paragraph.carried_from}: check it still applies."
    others = other_periods(report, f"{paragraph.heading} {paragraph.text}")
    return f"Names {report_text.listed(others)}, not {report.quarter.label}: check it is meant." if others else ""


def with_checks(document: ReportDocument) -> ReportDocument:
    """The document with each paragraph's check, for the working page."""
    sections = [
        replace(section, paragraphs=[replace(p, check=check(document.report, p.paragraph)) for p in section.paragraphs])
        for section in document.sections
    ]
    return replace(document, sections=sections)


PERIOD = re.compile(r"\bQ[1-4] \d{4}/\d{2}\b|\bQuarter [1-4] \d{4}[-/]\d{2,4}\b|\b\d{4}/\d{2}\b|\b20\d{2}-20\d{2}\b")


def other_periods(report: CommitteeReport, text: str) -> list[str]:
    """Quarters ('Q2 2011/12', 'Quarter 2 2011-2012') and years ('2010/11', '2010-2011')
    that a paragraph names other than the report's own."""
    quarter = report.quarter
    start = quarter.financial_year.start_year
    year_names = {f"{start}/{(start + 1) % 100:02d}", f"{start}-{start + 1}"}
    own = {
        quarter.label,
        f"Quarter {quarter.number} {start}-{start + 1}",
        f"Quarter {quarter.number} {start}/{(start + 1) % 100:02d}",
    }
    out = []
    for match in PERIOD.findall(text):
        is_quarter = match.startswith("Q")
        if (match in own) if is_quarter else (match in year_names):
            continue
        if match not in out:
            out.append(match)
    return out


def _annexes_of(appendices: list[ReportAppendix]) -> dict[int, tuple[Annex, tuple]]:
    """Each annex appendix's annex and contents, by session, fetched together: a pack of
    thirty annexes costs the queries of one."""
    sessions = [appendix.session_id for appendix in appendices if appendix.kind == ReportAppendix.Kind.ANNEX]
    if not sessions:
        return {}
    annexes = list(
        Annex.objects.filter(session_id__in=sessions)
        .select_related("session__quarter__financial_year")
        .prefetch_related(Prefetch("notes", queryset=AnnexNote.objects.select_related("service", "author")))
    )
    contents = annexes_contents(annexes)
    return {annex.session_id: (annex, contents[annex.pk]) for annex in annexes}


def _appendix_contents(report: CommitteeReport, appendix: ReportAppendix, annexes: dict) -> dict:
    if appendix.kind == ReportAppendix.Kind.ACTION_PLAN:
        return committee_actions(selectors.action_plan(None, report.meeting_date, quarter=report.quarter))
    if appendix.kind == ReportAppendix.Kind.SCORECARD:
        return {"table": blocks.scorecard_table(report)}
    if appendix.kind == ReportAppendix.Kind.OTHER_WORRIES:
        return {"worries": quarter_evidence(report.quarter).not_raised}
    annex, (indicators, measures) = annexes.get(appendix.session_id, (None, ([], [])))
    notes = list(annex.notes.all()) if annex else []
    return {"annex": {"session": appendix.session, "indicators": indicators, "measures": measures, "notes": notes}}


@dataclass(frozen=True)
class CountedActions:
    session: str  # "the Regeneration session", "the reflection session"
    count: int
    overdue: int


def committee_actions(rows: list) -> dict:
    """The action plan as the committee reads it, like the issues section: in full, the
    actions on the worries the Board raised with the committee and on its themes; the
    others counted by grouping (a council ten times the size agrees thousands)."""
    raised, others = [], {}
    for row in rows:
        outcome = row.action.outcome
        if outcome is None or outcome.report_to_committee:
            raised.append(row)
            continue
        session = outcome.item.session
        where = f"the {session.grouping.name} session" if session.grouping_id else "the reflection session"
        count, overdue = others.get((session.pk, where), (0, 0))
        others[(session.pk, where)] = (count + 1, overdue + row.overdue)
    return {
        "actions": raised,
        "other_actions": [CountedActions(where, count, overdue) for (_, where), (count, overdue) in others.items()],
    }


def reports_for(user: User) -> QuerySet[CommitteeReport]:
    """The reports the user works on, newest meeting first."""
    return (
        permissions.reports_visible_to(user).select_related("quarter__financial_year").order_by("-meeting_date", "pk")
    )


def published_reports(user: User) -> QuerySet[CommitteeReport]:
    """Published reports with their versions, newest first: what members read."""
    return (
        permissions.published_reports_visible_to(user)
        .select_related("quarter__financial_year")
        .prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.order_by("-number")))
        .order_by("-meeting_date", "pk")
    )


def readable_file(report: CommitteeReport, user: User) -> ReportFile | None:
    """The newest version's HTML to read on the published report page: the pack with its
    public appendices, or the report alone for versions published before packs were kept
    as HTML. Nothing when the newest version is exempt and the person may not read it."""
    latest = report.versions.order_by("-number").first()
    if latest is None or not permissions.can_read_version(user, latest):
        return None
    files = ReportFile.objects.filter(version=latest, kind__in=[ReportFile.Kind.PACK_HTML, ReportFile.Kind.HTML])
    return files.order_by("-kind").first()  # "pack_html" sorts after "html"


def versions_of(report: CommitteeReport) -> list[ReportVersion]:
    """Published versions, newest first, with their files' sizes and hashes (not bytes)."""
    files = ReportFile.objects.defer("content").order_by("pk")
    return list(report.versions.select_related("published_by").prefetch_related(Prefetch("files", queryset=files)))


def previous_report(quarter: Quarter, committee: str) -> CommitteeReport | None:
    """The same committee's report for the latest earlier quarter."""
    year, number = quarter.financial_year.start_year, quarter.number
    earlier = Q(quarter__financial_year__start_year__lt=year) | Q(
        quarter__financial_year__start_year=year, quarter__number__lt=number
    )
    return (
        CommitteeReport.objects.filter(earlier, committee__iexact=committee)
        .order_by("-quarter__financial_year__start_year", "-quarter__number")
        .first()
    )


# What a new report is assembled from --------------------------------------------------------------


@dataclass(frozen=True)
class QuarterEvidence:
    held_sessions: list[BoardSession]
    discussed: list[AgendaItem]  # specific issues the Board raised with the committee, in the order taken
    not_raised: list[AgendaItem]  # the other worries it discussed: counted, and listed in an appendix
    themes: list[Theme]  # in the order they were first raised
    reflection: BoardSession | None
    actions: list[Action]
    plan_state: "PlanState"
    user_voice: list[UserVoice]
    annex_sessions: list[BoardSession]


@dataclass(frozen=True)
class PlanState:
    """The whole action plan as the quarter ended."""

    total: int
    overdue: int
    at_risk: int
    completed: int  # in the quarter


def plan_state(quarter: Quarter) -> PlanState:
    rows = selectors.action_plan(None, quarter.end)
    risky = {Action.Status.AT_RISK, Action.Status.OFF_TRACK}
    completed = sum(
        1
        for row in rows
        if row.action.status == Action.Status.COMPLETE
        and any(u.quarter_id == quarter.pk and u.status == Action.Status.COMPLETE for u in row.action.updates.all())
    )
    return PlanState(
        total=len(rows),
        overdue=sum(1 for row in rows if row.overdue),
        at_risk=sum(1 for row in rows if row.action.status in risky),
        completed=completed,
    )


def quarter_evidence(quarter: Quarter) -> QuarterEvidence:
    sessions = list(
        BoardSession.objects.filter(quarter=quarter).select_related("grouping", "annex").order_by("date", "pk")
    )
    grouping_sessions = [s for s in sessions if s.kind == BoardSession.Kind.GROUPING]
    held = [s for s in grouping_sessions if s.status == BoardSession.Status.HELD]
    items = list(
        AgendaItem.objects.filter(session__in=held, outcome__isnull=False)
        .select_related("worry__worry_list__service", "session__grouping", "outcome")
        .prefetch_related(
            Prefetch("outcome__themes", queryset=Theme.objects.order_by("pk")),
            Prefetch("outcome__actions", queryset=Action.objects.select_related("owner").order_by("due_date", "pk")),
        )
        .order_by("session__date", "session_id", "position", "pk")
    )
    specific = [item for item in items if item.outcome.result != Outcome.Result.THEME]
    themes: list[Theme] = []
    for item in items:
        for theme in item.outcome.themes.all():
            if theme not in themes:
                themes.append(theme)
    reflection = next((s for s in sessions if s.kind == BoardSession.Kind.REFLECTION), None)
    actions = [row.action for row in selectors.action_plan(None, quarter.end, quarter=quarter)]
    annex_sessions = [s for s in grouping_sessions if hasattr(s, "annex") and s.annex.is_ready]
    return QuarterEvidence(
        held_sessions=held,
        discussed=[item for item in specific if item.outcome.report_to_committee],
        not_raised=[item for item in specific if not item.outcome.report_to_committee],
        themes=themes,
        reflection=reflection,
        actions=actions,
        plan_state=plan_state(quarter),
        user_voice=list(UserVoice.objects.filter(quarter=quarter).order_by("pk")),
        annex_sessions=annex_sessions,
    )


@dataclass(frozen=True)
class AdviserStep:
    """One adviser's part in clearing the report, for the working page."""

    area: str
    cleared_at: object
    cleared_by: User | None
    needed: bool  # the template asks for this clearance
    can_clear: bool  # this person may write the comments and clear now

    @property
    def label(self) -> str:
        return f"{self.area.capitalize()} clearance"


def adviser_steps(user: User, report: CommitteeReport) -> list[AdviserStep]:
    """The advisers whose section the report's template has, or who have cleared it."""
    steps = []
    for area in permissions.ADVISER_ROLES:
        cleared_at = getattr(report, f"{area}_cleared_at")
        if permissions.writes_a_section(report, area) or cleared_at:
            steps.append(
                AdviserStep(
                    area,
                    cleared_at,
                    getattr(report, f"{area}_cleared_by"),
                    permissions.must_clear(report, area),
                    permissions.can_clear(user, report, area),
                )
            )
    return steps


# What each person has to do next ---------------------------------------------------------------


@dataclass(frozen=True)
class ReportTask:
    report: CommitteeReport
    what: str
    url: str


def tasks_for(user: User, today: date) -> list[ReportTask]:
    """The committee reports waiting for this person, and what they are waiting for: for
    the home page, so that nobody has to find their next step."""
    Status = CommitteeReport.Status
    reports = (
        permissions.reports_visible_to(user)
        .filter(~Q(status=Status.PUBLISHED) | Q(decision=""))
        .select_related("quarter__financial_year", "template")
        .prefetch_related("template__sections")
        .order_by("meeting_date", "pk")
    )
    tasks = []
    for report in reports:
        pk, status = report.pk, report.status
        if permissions.can_edit(user, report):
            what = (
                "Returned for changes"
                if report.returned_reason
                else "Finish the correction and send it for clearance"
                if status == Status.CORRECTING
                else "Finish drafting and send for clearance"
            )
            tasks.append(ReportTask(report, what, reverse("reports:report_detail", args=[pk])))
        for area in permissions.ADVISER_ROLES:
            if getattr(report, f"{area}_cleared_at") is None and permissions.can_clear(user, report, area):
                what = f"Write {area} comments and clear"
                tasks.append(ReportTask(report, what, reverse("reports:report_clear", args=[pk, area])))
        if permissions.can_confirm_eia(user, report) and report.eia_confirmed_at is None:
            what = "Confirm the equality impact assessment"
            tasks.append(ReportTask(report, what, reverse("reports:report_detail", args=[pk])))
        if permissions.can_sign(user, report) and not permissions.clearance_missing(report):
            tasks.append(ReportTask(report, "Sign the report", reverse("reports:report_detail", args=[pk])))
        if permissions.can_publish(user, report):
            what = "Publish the correction" if report.correction_reason else "Publish the report"
            tasks.append(ReportTask(report, what, reverse("reports:report_publish", args=[pk])))
        if permissions.can_record_decision(user, report) and report.meeting_date <= today:
            what = "Record the committee's decision"
            tasks.append(ReportTask(report, what, reverse("reports:report_decision", args=[pk])))
    return tasks


def publication_to_mention(report: CommitteeReport) -> DocumentJob | None:
    """The report's latest publication, if it is under way or failed: the working page
    links to its progress. (A publication that worked shows as a version.)"""
    job = report.jobs.filter(kind=DocumentJob.Kind.PUBLICATION).defer("content").first()
    if job is None or job.state == DocumentJob.State.DONE:
        return None
    return job if job.live or report.status == CommitteeReport.Status.SIGNED else None
