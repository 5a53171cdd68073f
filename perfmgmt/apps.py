from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PerfmgmtConfig(AppConfig):
    name = "perfmgmt"
    verbose_name = "Organisation and reporting periods"

    def ready(self):
        from perfmgmt.roles import sync_role_groups
        from perfmgmt.site import sign_in_protection  # noqa: F401 (connects its signal receiver)

        # Set-up, not core flow: the role groups follow the code after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="perfmgmt.sync_role_groups")
