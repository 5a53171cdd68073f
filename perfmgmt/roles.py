"""Roles are Django groups with the permissions in the design's table.

A role says what kind of thing a person may do; which services they may do it to comes
from the organisation (see ``permissions.py``). The groups are created or brought up to
date after every ``migrate``, so each environment has the same roles.
"""

from django.db import models


class Role(models.TextChoices):
    # The label is the group's name, as administrators see it.
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    STRATEGIC_DIRECTOR = "strategic_director", "Strategic Director"
    STRATEGY_UNIT = "strategy_unit", "Strategy Unit officer"
    CONTRIBUTOR = "contributor", "Contributor"
    LEGAL_ADVISER = "legal_adviser", "Legal adviser (report clearance)"
    FINANCE_ADVISER = "finance_adviser", "Finance adviser (report clearance)"
    EQUALITY_ADVISER = "equality_adviser", "Equality adviser (report clearance)"
    RISK_ADVISER = "risk_adviser", "Risk adviser (report clearance)"
    COMMITTEE_CLERK = "committee_clerk", "Committee clerk"
    MEMBER = "member", "Member"
    ADMINISTRATOR = "administrator", "Administrator"


class ContributorArea(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", "Internal Audit"
    CORPORATE_PROJECTS = "corporate_projects", "Corporate Projects"
    RISK_MANAGEMENT = "risk_management", "Risk Management"


_ORGANISATION_VIEW = [
    "perfmgmt.view_directorate",
    "perfmgmt.view_service",
    "perfmgmt.view_dmtgrouping",
    "perfmgmt.view_financialyear",
    "perfmgmt.view_quarter",
    "perfmgmt.view_businessplan",
    "perfmgmt.view_objective",
    "perfmgmt.view_measure",
    "perfmgmt.view_measurefigure",
    "perfmgmt.view_benchmarkindicator",
    "perfmgmt.view_benchmarkvalue",
]

# This app's model permissions per role. Each other app adds its own in its AppConfig's
# ``role_permissions`` (worrylists/apps.py), so the core names no other app's models.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.HEAD_OF_SERVICE: _ORGANISATION_VIEW,
    Role.STRATEGIC_DIRECTOR: _ORGANISATION_VIEW,
    Role.STRATEGY_UNIT: _ORGANISATION_VIEW
    + [
        "perfmgmt.add_financialyear",
        "perfmgmt.change_financialyear",
        "perfmgmt.add_quarter",
        "perfmgmt.change_quarter",
        "perfmgmt.add_dmtgrouping",
        "perfmgmt.change_dmtgrouping",
        "perfmgmt.add_benchmarkindicator",
        "perfmgmt.change_benchmarkindicator",
        "perfmgmt.add_benchmarkvalue",
        "perfmgmt.change_benchmarkvalue",
        "perfmgmt.view_benchmarkimport",
    ],
    Role.CONTRIBUTOR: _ORGANISATION_VIEW,
    Role.LEGAL_ADVISER: [],
    Role.FINANCE_ADVISER: [],
    Role.EQUALITY_ADVISER: [],
    Role.RISK_ADVISER: [],
    Role.COMMITTEE_CLERK: ["perfmgmt.view_financialyear", "perfmgmt.view_quarter"],
    Role.MEMBER: [],
    Role.ADMINISTRATOR: _ORGANISATION_VIEW
    + [
        f"perfmgmt.{action}_{model}"
        for model in ("user", "directorate", "service", "dmtgrouping", "financialyear", "quarter")
        for action in ("add", "change", "delete", "view")
    ]
    + ["perfmgmt.view_benchmarkimport", "auth.view_group"],
}

# Advisers who write a section of a committee report and clear it, when its template asks.
ADVISER_ROLES = (Role.LEGAL_ADVISER, Role.FINANCE_ADVISER, Role.EQUALITY_ADVISER, Role.RISK_ADVISER)

# Roles whose people work in Django admin (set-up for the Strategy Unit, everything else
# for administrators). Admin access still needs the user's staff flag.
ADMIN_ROLES = frozenset({Role.STRATEGY_UNIT, Role.ADMINISTRATOR})


def role_permissions() -> dict[Role, list[str]]:
    """Every app's model permissions per role: the table above and each app's own."""
    from django.apps import apps

    table = {role: list(names) for role, names in ROLE_PERMISSIONS.items()}
    for config in apps.get_app_configs():
        for role, names in getattr(config, "role_permissions", {}).items():
            table[role] = table.get(role, []) + list(names)
    return table


def sync_role_groups(**_kwargs) -> None:
    """Create each role's group and give it exactly the permissions of role_permissions()."""
    from django.contrib.auth.models import Group, Permission

    by_name = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.select_related("content_type")
    }
    for role, codenames in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role.label)
        group.permissions.set([by_name[name] for name in codenames if name in by_name])
