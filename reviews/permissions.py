"""Who may see and change Board sessions, outcomes and actions.

The Strategy Unit schedules sessions and records outcomes; Strategic Directors (the
Board) read every session; heads of service read the sessions of their groupings and
update progress on the actions they own.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from perfmgmt.models import User
from perfmgmt.roles import REPORT_READERS, Role
from reviews.models import Action, Annex, AnnexNote, BoardSession, CommitteeReport


def can_manage_sessions(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)


def can_read_sessions(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.HEAD_OF_SERVICE)


def can_read_themes(user: User) -> bool:
    """Themes gather worries and actions from every grouping: the Board's view."""
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR)


def sessions_visible_to(user: User) -> QuerySet[BoardSession]:
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR):
        return BoardSession.objects.all()
    if user.has_role(Role.HEAD_OF_SERVICE):
        return BoardSession.objects.filter(grouping__services__heads=user).distinct()
    return BoardSession.objects.none()


def get_session_for_user(user: User, pk: int) -> BoardSession:
    return get_object_or_404(
        sessions_visible_to(user).select_related("quarter__financial_year", "grouping", "scheduled_by"), pk=pk
    )


def actions_visible_to(user: User) -> QuerySet[Action]:
    """The action plan is the Board's: the Strategy Unit and directors see it all; anyone
    else sees the actions they own."""
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR):
        return Action.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    return Action.objects.filter(Q(owner=user))


def can_update_action(user: User, action: Action) -> bool:
    return user.is_active and action.owner_id == user.pk


# Annexes ----------------------------------------------------------------------------------


def can_read_annexes(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.CONTRIBUTOR)


def get_session_for_annex(user: User, pk: int) -> BoardSession:
    if not can_read_annexes(user):
        raise Http404
    return get_object_or_404(
        BoardSession.objects.filter(kind=BoardSession.Kind.GROUPING).select_related(
            "quarter__financial_year", "grouping"
        ),
        pk=pk,
    )


def notes_visible_to(user: User, annex: Annex) -> QuerySet[AnnexNote]:
    """Before the annex is ready, a contributor sees only their own area's notes."""
    if annex.pk is None:
        return AnnexNote.objects.none()
    notes = annex.notes.all()
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR):
        return notes
    if user.has_role(Role.CONTRIBUTOR) and user.contributor_area:
        return notes if annex.is_ready else notes.filter(area=user.contributor_area)
    return notes.none()


def can_write_note(user: User, annex: Annex) -> bool:
    return not annex.is_ready and user.has_role(Role.CONTRIBUTOR) and bool(user.contributor_area)


def can_see_pack(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR)


# Committee reports ----------------------------------------------------------------------------
# The Strategy Unit drafts; legal and finance advisers read and clear what is in clearance;
# the author signs; the clerk sees signed reports, publishes them and records the decision;
# Strategic Directors read everything; members read published versions and nothing else.


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
