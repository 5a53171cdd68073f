"""Who may see and change Board sessions, outcomes, actions and themes.

The Strategy Unit schedules sessions and records outcomes; Strategic Directors (the
Board) read every session; heads of service read the sessions of their groupings and
update progress on the actions they own.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import User
from perfmgmt.roles import ADVISER_ROLES, Role
from reviews.models import Action, BoardSession

# Officers who can own an action agreed at the Board: not members, and not the systems
# administrator or the clerk for that alone.
ACTION_OWNER_ROLES = (
    Role.HEAD_OF_SERVICE,
    Role.STRATEGIC_DIRECTOR,
    Role.STRATEGY_UNIT,
    Role.CONTRIBUTOR,
    *ADVISER_ROLES,
)


def action_owners() -> QuerySet[User]:
    """The people an action may be given to: active officers, by surname."""
    labels = [role.label for role in ACTION_OWNER_ROLES]
    return User.objects.filter(is_active=True, groups__name__in=labels).distinct().order_by("last_name", "first_name")


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


def can_read_action_plan(user: User) -> bool:
    """Officers, who may own actions; clerks and members read the published report instead."""
    return user.has_role(*ACTION_OWNER_ROLES)


def can_update_action(user: User, action: Action) -> bool:
    return user.is_active and action.owner_id == user.pk
