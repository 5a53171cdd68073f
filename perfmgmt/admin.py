from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from perfmgmt.models import (
    BenchmarkImport,
    BenchmarkIndicator,
    BenchmarkValue,
    BusinessPlan,
    Directorate,
    DmtGrouping,
    FinancialYear,
    Measure,
    MeasureFigure,
    Quarter,
    Service,
    User,
)

admin.site.site_header = "Performance management: set-up and administration"
admin.site.site_title = "Set-up and administration"
admin.site.index_title = "Organisation, people and reporting periods"


class AuditedAdmin(SimpleHistoryAdmin):
    """History to read, never to revert: restoring an old version from admin would skip
    the workflow services and their checks (SIMPLE_HISTORY_REVERT_DISABLED only hides
    the button)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied("Old versions can be read but not restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(User)
class UserAdmin(DjangoUserAdmin, AuditedAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (("Council role", {"fields": ("job_title", "contributor_area")}),)
    list_display = ("username", "first_name", "last_name", "email", "job_title", "is_active")
    list_filter = ("groups", "is_active", "contributor_area")

    def get_queryset(self, request):
        """Only a superuser can see or change a superuser."""
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        """Administrators give roles; only a superuser can make superusers or grant
        permissions one by one."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


@admin.register(Directorate)
class DirectorateAdmin(AuditedAdmin):
    list_display = ("name", "strategic_director")
    list_select_related = ("strategic_director",)


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ("name", "directorate")
    list_filter = ("directorate",)
    list_select_related = ("directorate",)
    filter_horizontal = ("heads",)
    search_fields = ("name",)


@admin.register(DmtGrouping)
class DmtGroupingAdmin(AuditedAdmin):
    filter_horizontal = ("services",)


class ReadOnlyAdmin(AuditedAdmin):
    """Shown for reference; changed only through the app's pages, whose services check
    the workflow (who may edit, when a plan is locked, commentary on red figures)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QuarterInline(admin.TabularInline):
    model = Quarter
    fields = ("number", "status", *Quarter.DEADLINES)
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FinancialYear)
class FinancialYearAdmin(ReadOnlyAdmin):
    """Years and quarters are set up, opened and closed on the set-up pages, which check
    what is still in progress before a quarter closes."""

    inlines = [QuarterInline]


@admin.register(Quarter)
class QuarterAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "status", "worry_list_deadline", "status_changed_at", "status_changed_by")
    list_filter = ("status", "financial_year")
    list_select_related = ("financial_year", "status_changed_by")


@admin.register(BusinessPlan)
class BusinessPlanAdmin(ReadOnlyAdmin):
    list_display = ("service", "financial_year", "status", "decided_by")
    list_filter = ("status", "financial_year")
    list_select_related = ("service", "financial_year", "decided_by")


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ("title", "plan", "unit", "polarity")
    list_select_related = ("plan__service", "plan__financial_year")
    search_fields = ("title",)


@admin.register(MeasureFigure)
class MeasureFigureAdmin(ReadOnlyAdmin):
    list_display = ("measure", "quarter", "target", "actual", "entered_by")
    list_select_related = ("measure", "quarter__financial_year", "entered_by")


class BenchmarkValueInline(admin.TabularInline):
    model = BenchmarkValue
    extra = 0


@admin.register(BenchmarkIndicator)
class BenchmarkIndicatorAdmin(AuditedAdmin):
    list_display = ("code", "title", "source", "comparator_group")
    search_fields = ("code", "title")
    filter_horizontal = ("services",)
    inlines = [BenchmarkValueInline]


@admin.register(BenchmarkImport)
class BenchmarkImportAdmin(ReadOnlyAdmin):
    list_display = ("filename", "status", "uploaded_by", "uploaded_at", "summary")
    list_select_related = ("uploaded_by",)
