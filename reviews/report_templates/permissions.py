"""Who may see and change report templates: the Strategy Unit, who draft the reports."""

from django.shortcuts import get_object_or_404

from perfmgmt.models import User
from perfmgmt.permissions import require
from perfmgmt.roles import Role
from reviews.models import ReportTemplate


def can_manage_templates(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.has_role(Role.STRATEGY_UNIT)


def get_template_for_user(user: User, pk: int) -> ReportTemplate:
    """403 for anyone but the Strategy Unit, then 404 if there is no such template."""
    require(can_manage_templates(user))
    return get_object_or_404(ReportTemplate, pk=pk)
