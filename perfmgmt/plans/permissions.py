"""Who may see and change business plans, measures and figures: they follow the
service they belong to."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import BusinessPlan, Measure, User
from perfmgmt.permissions import is_director_of, is_head_of, services_visible_to
from perfmgmt.roles import Role


def plans_visible_to(user: User) -> QuerySet[BusinessPlan]:
    return BusinessPlan.objects.filter(service__in=services_visible_to(user))


def can_edit_plan(user: User, plan: BusinessPlan) -> bool:
    """Only the service's head edits its plan, and only while it is a draft or sent back."""
    return plan.is_editable and is_head_of(user, plan.service)


def can_agree_plan(user: User, plan: BusinessPlan) -> bool:
    return plan.status == BusinessPlan.Status.SUBMITTED and is_director_of(user, plan.service)


def can_reopen_plan(user: User, plan: BusinessPlan) -> bool:
    return plan.status == BusinessPlan.Status.AGREED and is_head_of(user, plan.service)


def can_enter_figures(user: User, plan: BusinessPlan) -> bool:
    """Heads of service enter their own service's quarterly figures; the Strategy Unit
    may enter any service's."""
    return user.has_role(Role.STRATEGY_UNIT) or is_head_of(user, plan.service)


def get_plan_for_user(user: User, pk: int, *, write: bool = False) -> BusinessPlan:
    """404 if the user may not see the plan; 403 if they may see but not edit it."""
    plan = get_object_or_404(plans_visible_to(user).select_related("service__directorate", "financial_year"), pk=pk)
    if write and not can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def measures_visible_to(user: User) -> QuerySet[Measure]:
    return Measure.objects.filter(plan__service__in=services_visible_to(user))


def get_measure_for_user(user: User, pk: int) -> Measure:
    return get_object_or_404(
        measures_visible_to(user).select_related(
            "plan__service__directorate", "plan__financial_year", "owner", "objective"
        ),
        pk=pk,
    )
