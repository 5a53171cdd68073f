"""Who may read annexes and session packs, and who writes contributors' notes."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from perfmgmt.models import User
from perfmgmt.roles import Role
from reviews.models import Annex, AnnexNote, BoardSession


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
