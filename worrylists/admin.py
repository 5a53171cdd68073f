from django.contrib import admin

from perfmgmt.admin import ReadOnlyAdmin
from worrylists.models import Worry, WorryList


@admin.register(WorryList)
class WorryListAdmin(ReadOnlyAdmin):
    list_display = ("service", "quarter", "status", "submitted_at", "submitted_late")
    list_filter = ("status", "quarter")
    list_select_related = ("service", "quarter__financial_year")


@admin.register(Worry)
class WorryAdmin(ReadOnlyAdmin):
    list_display = ("title", "worry_list", "kind", "position")
    list_select_related = ("worry_list__service", "worry_list__quarter__financial_year")
    search_fields = ("title",)
