"""Board sessions, outcomes, the action plan, themes and user voice."""

from django.urls import path

from reviews.board import views

app_name = "board"

urlpatterns = [
    path("board/", views.session_list, name="session_list"),
    path("board/schedule/", views.session_schedule, name="session_schedule"),
    path("board/<int:pk>/", views.session_detail, name="session_detail"),
    path("board/<int:pk>/agenda/refresh/", views.agenda_refresh, name="agenda_refresh"),
    path("board/<int:pk>/agenda/<int:item_pk>/move/", views.agenda_move, name="agenda_move"),
    path("board/<int:pk>/agenda/<int:item_pk>/outcome/", views.outcome_form, name="outcome_form"),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/new/", views.theme_form, name="theme_add"),
    path("themes/<int:pk>/", views.theme_detail, name="theme_detail"),
    path("themes/<int:pk>/change/", views.theme_form, name="theme_edit"),
    path("themes/<int:pk>/actions/new/", views.theme_action, name="theme_action"),
    path("user-voice/", views.user_voice_list, name="user_voice_list"),
    path("user-voice/new/", views.user_voice_form, name="user_voice_add"),
    path("user-voice/<int:pk>/", views.user_voice_form, name="user_voice_edit"),
    path("actions/reminders/", views.action_reminders, name="action_reminders"),
    path("actions/", views.action_plan, name="action_plan"),
    path("actions.csv", views.action_plan_csv, name="action_plan_csv"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
]
