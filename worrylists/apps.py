from django.apps import AppConfig

from perfmgmt.roles import Role

_WORRY_LISTS_VIEW = ["worrylists.view_worrylist", "worrylists.view_worry"]


class WorrylistsConfig(AppConfig):
    name = "worrylists"
    verbose_name = "Worry lists"
    # Model permissions this app adds to the roles (perfmgmt/roles.py gathers them).
    role_permissions = {
        Role.HEAD_OF_SERVICE: _WORRY_LISTS_VIEW,
        Role.STRATEGIC_DIRECTOR: _WORRY_LISTS_VIEW,
        Role.STRATEGY_UNIT: _WORRY_LISTS_VIEW,
    }
