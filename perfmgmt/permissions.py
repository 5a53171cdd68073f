"""Who may see which part of the organisation.

Each object type has a predicate, a queryset twin and a fetch helper that authorises as
it fetches: 404 when the user may not see the object at all. Services and later apps
check again through these, so admin and commands cannot bypass the rules.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import BusinessPlan, Measure, Service, User
from perfmgmt.roles import Role

# Roles that work across the whole council rather than on their own services.
COUNCIL_WIDE_ROLES = (Role.STRATEGY_UNIT, Role.ADMINISTRATOR, Role.CONTRIBUTOR)


def services_visible_to(user: User) -> QuerySet[Service]:
    """Heads of service see their own services; Strategic Directors their directorate's;
    the Strategy Unit, administrators and contributors every service; clerks and members
    none (they read published reports only)."""
    services = Service.objects.all()
    if not user.is_authenticated or not user.is_active:
        return services.none()
    if user.has_role(*COUNCIL_WIDE_ROLES):
        return services
    scope = Q(pk__in=[])
    if user.has_role(Role.HEAD_OF_SERVICE):
        scope |= Q(heads=user)
    if user.has_role(Role.STRATEGIC_DIRECTOR):
        scope |= Q(directorate__strategic_director=user)
    return services.filter(scope).distinct()


def get_service_for_user(user: User, pk: int) -> Service:
    return get_object_or_404(services_visible_to(user), pk=pk)


def require(allowed: bool) -> None:
    """Refuse the request (403) unless the predicate allowed it."""
    if not allowed:
        raise PermissionDenied


def can_import_benchmarks(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)


def can_use_services_pages(user: User) -> bool:
    return user.has_role(Role.HEAD_OF_SERVICE, Role.STRATEGIC_DIRECTOR, *COUNCIL_WIDE_ROLES)


# Business plans and their measures follow the services they belong to.


def plans_visible_to(user: User) -> QuerySet[BusinessPlan]:
    return BusinessPlan.objects.filter(service__in=services_visible_to(user))


def is_head_of(user: User, service: Service) -> bool:
    return user.has_role(Role.HEAD_OF_SERVICE) and service.heads.filter(pk=user.pk).exists()


def is_director_of(user: User, service: Service) -> bool:
    return user.has_role(Role.STRATEGIC_DIRECTOR) and service.directorate.strategic_director_id == user.pk


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
