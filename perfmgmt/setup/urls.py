"""Set-up pages for the Strategy Unit."""

from django.urls import path

from perfmgmt.setup import views

app_name = "setup"

urlpatterns = [
    path("set-up/", views.set_up, name="set_up"),
    path("set-up/years/add/", views.year_add, name="year_add"),
    path("set-up/quarters/<int:pk>/", views.quarter_detail, name="quarter_detail"),
    path("set-up/quarters/<int:pk>/deadlines/", views.quarter_deadlines, name="quarter_deadlines"),
    path("set-up/quarters/<int:pk>/open/", views.quarter_open, name="quarter_open"),
    path("set-up/quarters/<int:pk>/close/", views.quarter_close, name="quarter_close"),
    path("set-up/quarters/<int:pk>/reopen/", views.quarter_reopen, name="quarter_reopen"),
    path("set-up/<slug:kind>/", views.record_list, name="record_list"),
    path("set-up/<slug:kind>/add/", views.record_form, name="record_add"),
    path("set-up/<slug:kind>/<int:pk>/", views.record_form, name="record_change"),
]
