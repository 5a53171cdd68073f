from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from simple_history.admin import SimpleHistoryAdmin

from perfmgmt import services
from perfmgmt.models import Directorate, DmtGrouping, FinancialYear, Quarter, Service, User

admin.site.site_header = "Performance management: set-up and administration"
admin.site.site_title = "Set-up and administration"
admin.site.index_title = "Organisation, people and reporting periods"


@admin.register(User)
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (("Council role", {"fields": ("job_title", "contributor_area")}),)
    list_display = ("username", "first_name", "last_name", "email", "job_title", "is_active")
    list_filter = ("groups", "is_active", "contributor_area")


@admin.register(Directorate)
class DirectorateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "strategic_director")
    list_select_related = ("strategic_director",)


@admin.register(Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "directorate")
    list_filter = ("directorate",)
    list_select_related = ("directorate",)
    filter_horizontal = ("heads",)
    search_fields = ("name",)


@admin.register(DmtGrouping)
class DmtGroupingAdmin(SimpleHistoryAdmin):
    filter_horizontal = ("services",)


class QuarterInline(admin.TabularInline):
    model = Quarter
    fields = ("number", "status", "worry_list_deadline")
    readonly_fields = ("status",)
    extra = 0


@admin.register(FinancialYear)
class FinancialYearAdmin(SimpleHistoryAdmin):
    inlines = [QuarterInline]


def _transition_action(service, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        for quarter in queryset:
            try:
                service(quarter=quarter, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                modeladmin.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            else:
                modeladmin.message_user(request, f"{quarter.label}: {description.lower()} done.")

    action.__name__ = service.__name__
    return action


@admin.register(Quarter)
class QuarterAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "status", "worry_list_deadline", "status_changed_at", "status_changed_by")
    list_filter = ("status", "financial_year")
    list_select_related = ("financial_year", "status_changed_by")
    readonly_fields = ("status", "status_changed_at", "status_changed_by")
    actions = [
        _transition_action(services.open_quarter, "Open the selected quarters"),
        _transition_action(services.close_quarter, "Close the selected quarters"),
    ]
