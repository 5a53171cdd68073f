"""Who may see committee reports and take each step of their workflow.

The Strategy Unit drafts; legal and finance advisers read and clear what is in clearance;
the author signs; the clerk sees signed reports, publishes them and records the decision;
Strategic Directors read everything; members read published versions and nothing else.
Each step's predicate includes the status the report must be in, so views, templates
(through booleans) and services all ask the same question.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import User
from perfmgmt.roles import ADVISER_ROLES as ROLES_OF_ADVISERS
from perfmgmt.roles import Role
from reviews.models import CommitteeReport

Status = CommitteeReport.Status
EDITABLE = frozenset({Status.DRAFT, Status.CORRECTING})
AUTHOR_ROLES = (Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.HEAD_OF_SERVICE)
# Roles that read committee reports. An author who holds none of them is sent a link when
# the report is theirs to sign.
REPORT_READERS = frozenset(
    {
        Role.STRATEGY_UNIT,
        Role.STRATEGIC_DIRECTOR,
        *ROLES_OF_ADVISERS,
        Role.COMMITTEE_CLERK,
        Role.MEMBER,
    }
)
# The advisers by the area they clear: the value of a template section's writer.
ADVISER_ROLES = {
    "legal": Role.LEGAL_ADVISER,
    "finance": Role.FINANCE_ADVISER,
    "equality": Role.EQUALITY_ADVISER,
    "risk": Role.RISK_ADVISER,
}


def can_draft_reports(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)


def can_author(user: User) -> bool:
    """Authors are officers who answer for the report: never members, clerks or advisers
    alone, who must not see drafts."""
    return user.is_active and user.has_role(*AUTHOR_ROLES)


def is_adviser(user: User, area: str) -> bool:
    role = ADVISER_ROLES.get(area)
    return role is not None and user.has_role(role)


def is_clerk(user: User) -> bool:
    return user.has_role(Role.COMMITTEE_CLERK)


def _is_author(user: User, report: CommitteeReport) -> bool:
    return report.author_id == user.pk and user.is_active


def reports_visible_to(user: User) -> QuerySet[CommitteeReport]:
    """Reports whose working page the user may open (members only see published files)."""
    if not user.is_authenticated or not user.is_active:
        return CommitteeReport.objects.none()
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR):
        return CommitteeReport.objects.all()
    # A draft, and a correction being drafted, are the Strategy Unit's alone until they are
    # sent for clearance; the published version stays readable meanwhile.
    visible = Q(author=user)
    if user.has_role(*ROLES_OF_ADVISERS):
        visible |= Q(status__in=[Status.IN_CLEARANCE, Status.SIGNED, Status.PUBLISHED])
    if user.has_role(Role.COMMITTEE_CLERK):
        visible |= Q(status__in=[Status.SIGNED, Status.PUBLISHED])
    return CommitteeReport.objects.filter(visible).distinct()


def published_reports_visible_to(user: User) -> QuerySet[CommitteeReport]:
    """Reports with at least one published version: everyone with a reports role reads
    them, and an author reads their own (whatever other role they hold)."""
    published = CommitteeReport.objects.filter(versions__isnull=False)
    if can_read_published_reports(user):
        return published.distinct()
    if user.is_authenticated and user.is_active:
        return published.filter(author=user).distinct()
    return CommitteeReport.objects.none()


def can_read_published_reports(user: User) -> bool:
    return user.has_role(*REPORT_READERS)


def can_read_report_workspace(user: User, report: CommitteeReport) -> bool:
    return reports_visible_to(user).filter(pk=report.pk).exists()


def can_open_exempt_appendices(user: User) -> bool:
    """Exempt information (Schedule 12A) goes only to the officers who prepare, publish and
    act on the report."""
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.COMMITTEE_CLERK)


def can_read_version(user: User, version) -> bool:
    """A version published exempt (Part II) is read only by those who may open exempt
    information; everyone who may see the report is told that it exists and why."""
    return version.exempt_paragraph is None or can_open_exempt_appendices(user)


def get_report_for_user(user: User, pk: int) -> CommitteeReport:
    """The report's working page: 404 unless the user may see it."""
    return get_object_or_404(
        reports_visible_to(user)
        .select_related("quarter__financial_year", "author", "created_by", "template")
        .prefetch_related("template__sections"),
        pk=pk,
    )


def get_published_report_for_user(user: User, pk: int) -> CommitteeReport:
    return get_object_or_404(published_reports_visible_to(user).select_related("quarter__financial_year"), pk=pk)


# Each step of the workflow, with the status it needs -----------------------------------------------


def can_edit(user: User, report: CommitteeReport) -> bool:
    """Change the text, details, documents and appendices, or send the report for clearance."""
    return can_draft_reports(user) and report.status in EDITABLE


# Separation of duties: whoever writes the report neither clears it nor confirms its
# equality impact assessment, and one adviser gives one clearance, never both.


def writes_a_section(report: CommitteeReport, area: str) -> bool:
    """Whether the report's template has a section this adviser writes (its sections are
    prefetched where reports are listed)."""
    return any(section.writer == area for section in report.template.sections.all())


def must_clear(report: CommitteeReport, area: str) -> bool:
    return any(section.writer == area and section.must_clear for section in report.template.sections.all())


def clearance_missing(report: CommitteeReport) -> list[str]:
    """What still stands between the report and the author's signature: the clearances its
    template asks for, and the equality impact assessment."""
    missing = [
        f"{area} clearance"
        for area in ADVISER_ROLES
        if must_clear(report, area) and getattr(report, f"{area}_cleared_at") is None
    ]
    if report.eia_confirmed_at is None:
        missing.append("the equality impact assessment confirmed")
    return missing


def clears_independently(user: User, report: CommitteeReport, area: str) -> bool:
    others = [other for other in ADVISER_ROLES if other != area]
    return report.author_id != user.pk and all(getattr(report, f"{o}_cleared_by_id") != user.pk for o in others)


def can_clear(user: User, report: CommitteeReport, area: str) -> bool:
    return (
        is_adviser(user, area)
        and report.status == Status.IN_CLEARANCE
        and clears_independently(user, report, area)
        and writes_a_section(report, area)
    )


def can_confirm_eia(user: User, report: CommitteeReport) -> bool:
    """The Strategy Unit confirms that the assessment was done; never the author alone."""
    return report.status == Status.IN_CLEARANCE and can_draft_reports(user) and report.author_id != user.pk


def can_sign(user: User, report: CommitteeReport) -> bool:
    return report.status == Status.IN_CLEARANCE and _is_author(user, report)


def can_return(user: User, report: CommitteeReport) -> bool:
    """Who can send the report back for changes now: the advisers and the author while it
    is in clearance; once it is signed, the Strategy Unit or the clerk about to publish."""
    if report.status == Status.IN_CLEARANCE:
        return (
            can_draft_reports(user) or any(is_adviser(user, area) for area in ADVISER_ROLES) or _is_author(user, report)
        )
    if report.status == Status.SIGNED:
        return can_draft_reports(user) or is_clerk(user)
    return False


def can_publish(user: User, report: CommitteeReport) -> bool:
    return is_clerk(user) and report.status == Status.SIGNED


def can_correct(user: User, report: CommitteeReport) -> bool:
    return can_draft_reports(user) and report.status == Status.PUBLISHED


def can_cancel_correction(user: User, report: CommitteeReport) -> bool:
    return can_draft_reports(user) and report.status == Status.CORRECTING


def can_record_decision(user: User, report: CommitteeReport) -> bool:
    return is_clerk(user) and report.status == Status.PUBLISHED
