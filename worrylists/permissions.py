"""Who may see and change which worry lists.

Heads of service see and edit their own services' lists while they are drafts (or
returned); Strategic Directors read their directorate's lists and every grouping's
pack; the Strategy Unit reads every list, returns submitted ones and runs the tracker.
Other roles see no worry lists.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import Service, User
from perfmgmt.permissions import is_head_of
from perfmgmt.roles import Role
from worrylists.models import Worry, WorryList

READERS = (Role.HEAD_OF_SERVICE, Role.STRATEGIC_DIRECTOR, Role.STRATEGY_UNIT)


def can_use_worry_lists(user: User) -> bool:
    return user.has_role(*READERS)


def services_with_lists_for(user: User) -> QuerySet[Service]:
    """The services whose worry lists the user may see. Scoped here rather than through
    every service a user can see: a head of service who is also a contributor still sees
    only their own services' lists."""
    if not can_use_worry_lists(user):
        return Service.objects.none()
    if user.has_role(Role.STRATEGY_UNIT):
        return Service.objects.all()
    scope = Q(pk__in=[])
    if user.has_role(Role.HEAD_OF_SERVICE):
        scope |= Q(heads=user)
    if user.has_role(Role.STRATEGIC_DIRECTOR):
        scope |= Q(directorate__strategic_director=user)
    return Service.objects.filter(scope).distinct()


def worry_lists_visible_to(user: User) -> QuerySet[WorryList]:
    return WorryList.objects.filter(service__in=services_with_lists_for(user))


def can_edit_worry_list(user: User, worry_list: WorryList) -> bool:
    return worry_list.is_editable and is_head_of(user, worry_list.service)


def can_return_worry_list(user: User, worry_list: WorryList) -> bool:
    return worry_list.status == WorryList.Status.SUBMITTED and user.has_role(Role.STRATEGY_UNIT)


def can_see_tracker(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)


def can_see_grouping_packs(user: User) -> bool:
    """The Board is all the Strategic Directors, so each sees every grouping's pack."""
    return user.has_role(Role.STRATEGIC_DIRECTOR, Role.STRATEGY_UNIT)


def get_worry_list_for_user(user: User, pk: int, *, write: bool = False) -> WorryList:
    """404 if the user may not see the list; 403 if they may see but not change it."""
    worry_list = get_object_or_404(
        worry_lists_visible_to(user).select_related("service__directorate", "quarter__financial_year"), pk=pk
    )
    if write and not can_edit_worry_list(user, worry_list):
        if is_head_of(user, worry_list.service):
            raise PermissionDenied(
                f"Your {worry_list.quarter.label} worry list has been submitted, so it cannot be changed. "
                "Nothing has been changed. If something must change, ask the Strategy Unit to return the list to you."
            )
        raise PermissionDenied
    return worry_list


def get_worry_for_user(user: User, worry_list: WorryList, pk: int) -> Worry:
    return get_object_or_404(Worry, pk=pk, worry_list=worry_list)
