"""Who may import benchmark indicators."""

from perfmgmt.models import User
from perfmgmt.roles import Role


def can_import_benchmarks(user: User) -> bool:
    return user.has_role(Role.STRATEGY_UNIT)
