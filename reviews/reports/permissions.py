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
from perfmgmt.roles import REPORT_READERS, Role
from reviews.models import CommitteeReport


def can_draft_reports(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)


def reports_visible_to(user: User) -> QuerySet[CommitteeReport]:
    """Reports whose working page the user may open (members only see published files)."""
    if not user.is_authenticated or not user.is_active:
        return CommitteeReport.objects.none()
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR):
        return CommitteeReport.objects.all()
    Status = CommitteeReport.Status
    visible = Q(author=user)
    if user.has_role(Role.LEGAL_ADVISER, Role.FINANCE_ADVISER):
        visible |= ~Q(status=Status.DRAFT) | Q(versions__isnull=False)
    if user.has_role(Role.COMMITTEE_CLERK):
        visible |= Q(status__in=[Status.SIGNED, Status.PUBLISHED, Status.CORRECTING]) | Q(versions__isnull=False)
    return CommitteeReport.objects.filter(visible).distinct()


def published_reports_visible_to(user: User) -> QuerySet[CommitteeReport]:
    """Reports with at least one published version: everyone with a reports role reads them."""
    if not can_read_published_reports(user):
        return CommitteeReport.objects.none()
    return CommitteeReport.objects.filter(versions__isnull=False).distinct()


def can_read_published_reports(user: User) -> bool:
    return user.has_role(*REPORT_READERS)


def can_read_report_workspace(user: User, report: CommitteeReport) -> bool:
    return reports_visible_to(user).filter(pk=report.pk).exists()


def can_open_exempt_appendices(user: User) -> bool:
    """Exempt information (Schedule 12A) goes only to the officers who prepare, publish and
    act on the report."""
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.COMMITTEE_CLERK)


def get_report_for_user(user: User, pk: int) -> CommitteeReport:
    """The report's working page: 404 unless the user may see it."""
    return get_object_or_404(
        reports_visible_to(user).select_related("quarter__financial_year", "author", "created_by"), pk=pk
    )


def get_published_report_for_user(user: User, pk: int) -> CommitteeReport:
    return get_object_or_404(published_reports_visible_to(user).select_related("quarter__financial_year"), pk=pk)


def can_clear(user: User, area: str) -> bool:
    role = {"legal": Role.LEGAL_ADVISER, "finance": Role.FINANCE_ADVISER}.get(area)
    return role is not None and user.has_role(role)


def can_publish(user: User) -> bool:
    return user.has_role(Role.COMMITTEE_CLERK)
