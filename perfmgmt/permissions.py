"""Who may see which part of the organisation.

Each object type has a predicate, a queryset twin and a fetch helper that authorises as
it fetches: 404 when the user may not see the object at all. Services and later apps
check again through these, so admin and commands cannot bypass the rules.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from perfmgmt.models import Service, User
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


def can_use_services_pages(user: User) -> bool:
    return user.has_role(Role.HEAD_OF_SERVICE, Role.STRATEGIC_DIRECTOR, *COUNCIL_WIDE_ROLES)


def is_head_of(user: User, service: Service) -> bool:
    return user.has_role(Role.HEAD_OF_SERVICE) and service.heads.filter(pk=user.pk).exists()


def is_director_of(user: User, service: Service) -> bool:
    return user.has_role(Role.STRATEGIC_DIRECTOR) and service.directorate.strategic_director_id == user.pk
