"""Worry lists, their worries, the tracker and grouping packs."""

from django.urls import path

from worrylists import views

app_name = "worrylists"

urlpatterns = [
    path("worry-lists/", views.worry_list_index, name="worry_list_index"),
    path("worry-lists/tracker/", views.worry_list_tracker, name="worry_list_tracker"),
    path("worry-lists/tracker.csv", views.worry_list_tracker_csv, name="worry_list_tracker_csv"),
    path("worry-lists/reminders/", views.worry_list_remind, name="worry_list_remind"),
    path("worry-lists/start/<int:service_pk>/<int:quarter_pk>/", views.worry_list_start, name="worry_list_start"),
    path("worry-lists/<int:pk>/", views.worry_list_detail, name="worry_list_detail"),
    path("worry-lists/<int:pk>/worries/new/", views.worry_add, name="worry_add"),
    path("worry-lists/<int:pk>/worries/<int:worry_pk>/", views.worry_about, name="worry_about"),
    path("worry-lists/<int:pk>/worries/<int:worry_pk>/details/", views.worry_details, name="worry_details"),
    path("worry-lists/<int:pk>/worries/<int:worry_pk>/links/", views.worry_links, name="worry_links"),
    path("worry-lists/<int:pk>/worries/<int:worry_pk>/move/", views.worry_move, name="worry_move"),
    path("worry-lists/<int:pk>/worries/<int:worry_pk>/remove/", views.worry_remove, name="worry_remove"),
    path("worry-lists/<int:pk>/carry-forward/", views.worry_list_carry_forward, name="worry_list_carry_forward"),
    path("worry-lists/<int:pk>/check/", views.worry_list_check, name="worry_list_check"),
    path("worry-lists/<int:pk>/submit/", views.worry_list_submit, name="worry_list_submit"),
    path("worry-lists/<int:pk>/submitted/", views.worry_list_submitted, name="worry_list_submitted"),
    path("worry-lists/<int:pk>/return/", views.worry_list_return, name="worry_list_return"),
    path("groupings/<int:pk>/pack/", views.grouping_pack, name="grouping_pack"),
]
