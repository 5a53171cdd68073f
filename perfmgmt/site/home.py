"""What needs doing next, for each role's home page. Glue: it asks every app what is
waiting for the signed-in person in the current quarter, and links to where it is done.

Each role's part is a Section of Tasks; the home page shows them with the GOV.UK task
list. The number of queries does not grow with the council: counts are aggregated and
the rows fetched are the person's own (their services, their actions, their annexes).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from perfmgmt.models import BusinessPlan, Quarter, Service, User
from perfmgmt.roles import ContributorArea
from reviews.models import Action, Annex, BoardSession, CommitteeReport, DocumentJob
from reviews.reports.selectors import published_reports
from worrylists.models import WorryList
from worrylists.services import services_meeting_the_board

DONE, TO_DO, IN_PROGRESS, ATTENTION = "done", "to do", "in progress", "attention"


@dataclass(frozen=True)
class Task:
    label: str
    url: str | None = None
    status: str = ""  # the tag's text
    tone: str = TO_DO  # one of DONE, TO_DO, IN_PROGRESS, ATTENTION: the tag's colour
    detail: str = ""


@dataclass
class Section:
    heading: str
    tasks: list[Task] = field(default_factory=list)
    intro: str = ""
    empty: str = ""
    link: tuple[str, str] | None = None  # (text, url) to the page with everything


def _due(day: date | None, today: date) -> str:
    if day is None:
        return ""
    days = (day - today).days
    when = "today" if days == 0 else f"{days} day{'s' if days != 1 else ''} left" if days > 0 else "deadline passed"
    return f"Due {day:%-d %B %Y} ({when})"


# Heads of service -----------------------------------------------------------------------


def _worry_list_task(service: Service, worry_list: WorryList | None, quarter: Quarter) -> Task:
    if worry_list is None:
        if quarter.status != Quarter.Status.OPEN:
            why = f"{quarter.label} is {quarter.get_status_display().lower()}, so no list can be started"
            return Task(f"{service.name} worry list", None, "Not started", TO_DO, why)
        url = reverse("worrylists:worry_list_start", args=[service.pk, quarter.pk])
        return Task(f"Start the {service.name} worry list", url, "Not started")
    url = reverse("worrylists:worry_list_detail", args=[worry_list.pk])
    if worry_list.status == WorryList.Status.RETURNED:
        why = f"Returned by {worry_list.returned_by}: {worry_list.return_reason}"
        return Task(f"Revise the {service.name} worry list", url, "Returned", ATTENTION, why)
    if worry_list.status == WorryList.Status.DRAFT:
        return Task(f"Continue the {service.name} worry list", url, "In progress", IN_PROGRESS)
    submitted = f"Submitted on {worry_list.submitted_at:%-d %B %Y}" if worry_list.submitted_at else ""
    return Task(f"{service.name} worry list", url, "Submitted", DONE, submitted)


def head_of_service_sections(user: User, quarter: Quarter, today: date) -> list[Section]:
    services = list(Service.objects.filter(heads=user).annotate(in_grouping=Count("groupings")).order_by("name"))
    lists = {
        wl.service_id: wl
        for wl in WorryList.objects.filter(quarter=quarter, service__in=services).select_related("returned_by")
    }
    worry_lists = Section(
        f"Worry lists for {quarter.label}",
        [_worry_list_task(s, lists.get(s.pk), quarter) for s in services if s.in_grouping],
        intro=_due(quarter.worry_list_deadline, today),
        empty="None of your services meets the Board, so there is no worry list to write."
        if services
        else "You are not recorded as head of any service yet. Ask the Strategy Unit to add you.",
    )

    plans = {
        plan.service_id: plan
        for plan in BusinessPlan.objects.filter(service__in=services, financial_year_id=quarter.financial_year_id)
        .select_related("service")
        .annotate(
            measure_count=Count("measures", distinct=True),
            entered=Count(
                "measures__figures",
                filter=Q(measures__figures__quarter=quarter, measures__figures__actual__isnull=False),
                distinct=True,
            ),
        )
    }
    figures = Section(f"Plans and {quarter.label} figures", intro=_due(quarter.figures_deadline, today))
    year = quarter.financial_year.label
    for service in services:
        plan = plans.get(service.pk)
        if plan is None:
            url = reverse("plans:plan_start", args=[service.pk, quarter.financial_year.start_year])
            figures.tasks.append(Task(f"Start the {service.name} business plan for {year}", url, "Not started"))
            continue
        url = reverse("plans:plan_detail", args=[plan.pk])
        if plan.status == BusinessPlan.Status.RETURNED:
            why = f"Sent back: {plan.return_reason}"
            figures.tasks.append(Task(f"Revise the {service.name} business plan", url, "Sent back", ATTENTION, why))
        elif plan.status == BusinessPlan.Status.DRAFT:
            figures.tasks.append(Task(f"Finish the {service.name} business plan", url, "Draft", IN_PROGRESS))
        left = plan.measure_count - plan.entered
        has = "measure has" if plan.measure_count == 1 else "measures have"
        detail = f"{plan.entered} of {plan.measure_count} {has} a {quarter.label} figure"
        if plan.measure_count:
            status, tone = ("Done", DONE) if left == 0 else ("To do", TO_DO)
            figures.tasks.append(Task(f"{service.name} figures for {quarter.label}", url, status, tone, detail))

    actions = Section(
        "Board actions to update",
        [
            Task(
                action.title,
                reverse("board:action_progress", args=[action.pk]),
                action.get_status_display(),
                ATTENTION if action.due_date < today else TO_DO,
                f"Due {action.due_date:%-d %B %Y}" + (": overdue" if action.due_date < today else ""),
            )
            for action in Action.objects.filter(owner=user)
            .exclude(status=Action.Status.COMPLETE)
            .exclude(updates__quarter=quarter)
            .order_by("due_date", "pk")
        ],
        intro=_due(quarter.action_updates_deadline, today),
        empty=f"None: every action you own is complete or has its {quarter.label} update.",
    )
    return [worry_lists, figures, actions]


# Strategic Directors --------------------------------------------------------------------


def director_sections(user: User, quarter: Quarter, today: date) -> list[Section]:
    services = list(
        services_meeting_the_board().filter(directorate__strategic_director=user).select_related("directorate")
    )
    lists = {wl.service_id: wl for wl in WorryList.objects.filter(quarter=quarter, service__in=services)}
    submitted = sum(1 for wl in lists.values() if wl.status == WorryList.Status.SUBMITTED)
    submissions = Section(
        f"Your directorate's worry lists for {quarter.label}",
        intro=f"{submitted} of {len(services)} submitted. {_due(quarter.worry_list_deadline, today)}".strip(),
        link=("All worry lists", reverse("worrylists:worry_list_index") + f"?quarter={quarter.pk}"),
        empty="No service in your directorate meets the Board.",
    )
    for service in services:
        worry_list = lists.get(service.pk)
        if worry_list is None:
            submissions.tasks.append(Task(service.name, None, "Not started"))
        else:
            tone = DONE if worry_list.status == WorryList.Status.SUBMITTED else IN_PROGRESS
            url = reverse("worrylists:worry_list_detail", args=[worry_list.pk])
            submissions.tasks.append(Task(service.name, url, worry_list.get_status_display(), tone))
    to_agree = Section(
        "Business plans to agree",
        [
            Task(
                f"{plan.service.name} business plan {plan.financial_year.label}",
                reverse("plans:plan_detail", args=[plan.pk]),
                "Waiting for you",
            )
            for plan in BusinessPlan.objects.filter(
                service__directorate__strategic_director=user, status=BusinessPlan.Status.SUBMITTED
            ).select_related("service", "financial_year")
        ],
        empty="None waiting for you.",
    )
    return [submissions, to_agree]


# The Strategy Unit ----------------------------------------------------------------------


def _missing_areas(annex: Annex | None) -> list[str]:
    written = {note.area for note in annex.notes.all()} if annex else set()
    return [area.label for area in ContributorArea if area not in written]


def _sessions(quarter: Quarter):
    return (
        BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.GROUPING)
        .select_related("grouping", "annex")
        .prefetch_related("annex__notes")
        .annotate(items=Count("agenda", distinct=True), decided=Count("agenda__outcome", distinct=True))
        .order_by("date", "pk")
    )


def _annex(session: BoardSession) -> Annex | None:
    try:
        return session.annex
    except Annex.DoesNotExist:
        return None


def _progress(done: int, started: int, expected: int) -> tuple[str, str]:
    if expected and done == expected:
        return "Done", DONE
    return ("In progress", IN_PROGRESS) if started else ("Not started", TO_DO)


def strategy_unit_sections(user: User, quarter: Quarter, today: date) -> list[Section]:
    meeting = services_meeting_the_board().count()
    by_status = dict(
        WorryList.objects.filter(quarter=quarter, service__in=services_meeting_the_board())
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    submitted = by_status.get(WorryList.Status.SUBMITTED, 0)
    tracker = reverse("worrylists:worry_list_tracker") + f"?quarter={quarter.pk}"
    lists = Section(
        f"Worry lists for {quarter.label}",
        [
            Task(
                f"{submitted} of {meeting} submitted",
                tracker,
                *_progress(submitted, sum(by_status.values()), meeting),
                f"{by_status.get(WorryList.Status.DRAFT, 0)} in draft, "
                f"{by_status.get(WorryList.Status.RETURNED, 0)} returned, "
                f"{meeting - sum(by_status.values())} not started",
            )
        ],
        intro=_due(quarter.worry_list_deadline, today),
    )
    if not any(getattr(quarter, name) for name in Quarter.DEADLINES):
        lists.tasks.append(
            Task(
                f"Set the deadlines for {quarter.label}", reverse("setup:quarter_deadlines", args=[quarter.pk]), "To do"
            )
        )

    board = Section(
        f"Board sessions for {quarter.label}",
        empty="No session is scheduled yet.",
        link=("Schedule a session", reverse("board:session_schedule")),
    )
    for session in _sessions(quarter):
        name = session.grouping.name
        annex = _annex(session)
        if annex is None or annex.ready_at is None:
            missing = _missing_areas(annex)
            detail = f"Notes not yet written: {', '.join(missing)}" if missing else "Every area has written its notes"
            board.tasks.append(
                Task(
                    f"Compile the annex for {name}",
                    reverse("annexes:annex_detail", args=[session.pk]),
                    "To do",
                    TO_DO,
                    detail,
                )
            )
        if session.decided < session.items:
            board.tasks.append(
                Task(
                    f"Record the Board's outcomes for {name}",
                    reverse("board:session_detail", args=[session.pk]),
                    f"{session.decided} of {session.items} recorded",
                    IN_PROGRESS,
                    f"Session on {session.date:%-d %B %Y}",
                )
            )

    counts = dict(
        CommitteeReport.objects.exclude(status=CommitteeReport.Status.PUBLISHED, decision__gt="")
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    reports = Section(
        "Committee reports",
        [
            Task(f"{label}: {counts[status]}", reverse("reports:report_list"), "", IN_PROGRESS)
            for status, label in CommitteeReport.Status.choices
            if counts.get(status)
        ],
        empty="No report is in progress.",
        link=("All committee reports", reverse("reports:report_list")),
    )
    return [lists, board, reports]


# Contributors ---------------------------------------------------------------------------


def contributor_sections(user: User, quarter: Quarter, today: date) -> list[Section]:
    if not user.contributor_area:
        return []
    area = ContributorArea(user.contributor_area)
    notes = Section(
        f"Annexes wanting {area.label} notes",
        intro=_due(quarter.annex_notes_deadline, today),
        empty=f"No annex for {quarter.label} is waiting for notes.",
        link=("All annexes", reverse("annexes:annex_list")),
    )
    for session in _sessions(quarter):
        annex = _annex(session)
        if annex is not None and annex.ready_at is not None:
            continue
        written = sum(1 for note in (annex.notes.all() if annex else []) if note.area == area)
        url = reverse("annexes:annex_detail", args=[session.pk])
        name = session.grouping.name
        if written:
            notes.tasks.append(
                Task(f"Annex for {name}", url, f"{written} note{'s' if written != 1 else ''} written", DONE)
            )
        else:
            notes.tasks.append(Task(f"Write notes for the {name} annex", url, "To do"))
    return [notes]


# Members and everyone who reads reports -------------------------------------------------


def latest_published(user: User, limit: int = 5) -> Section:
    return Section(
        "Latest published reports",
        [
            Task(
                report.subject,
                reverse("reports:report_detail", args=[report.pk]),
                report.get_decision_display() if report.decision else "",
                DONE,
                f"{report.committee}, {report.meeting_date:%-d %B %Y}",
            )
            for report in published_reports(user)[:limit]
        ],
        empty="No report has been published yet.",
        link=("All published reports", reverse("reports:report_list")),
    )


# Everyone who asks for a document made in the background ---------------------------------

JOB_TONES = {"waiting": IN_PROGRESS, "making": IN_PROGRESS, "done": DONE, "failed": ATTENTION}


def _job_task(job: DocumentJob) -> Task:
    if job.kind == DocumentJob.Kind.PUBLICATION:
        return Task(
            f"Publishing {job.report.subject}",
            reverse("reports:publication_progress", args=[job.report_id, job.pk]),
            job.get_state_display(),
            JOB_TONES[job.state],
            f"{job.report.committee}, {job.report.meeting_date:%-d %B %Y}",
        )
    return Task(
        f"Board pack as a PDF: {job.session.title}",
        reverse("annexes:pack_pdf_progress", args=[job.session_id, job.pk]),
        job.get_state_display(),
        JOB_TONES[job.state],
        job.error if job.state == DocumentJob.State.FAILED else "",
    )


def documents_being_made(user: User, limit: int = 5) -> Section | None:
    """What the person asked to be made in the background, being made or ended in the last
    two days: the notice that it is ready (or why not)."""
    since = timezone.now() - timedelta(days=2)
    jobs = (
        DocumentJob.objects.filter(requested_by=user)
        .filter(Q(state__in=DocumentJob.LIVE) | Q(finished_at__gte=since))
        .select_related("report", "session__grouping")
        .defer("content")[:limit]
    )
    tasks = [_job_task(job) for job in jobs]
    return Section("Documents being made for you", tasks) if tasks else None
