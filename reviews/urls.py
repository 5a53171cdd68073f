from django.urls import path

from reviews import views

urlpatterns = [
    path("board/", views.session_list, name="session_list"),
    path("board/schedule/", views.session_schedule, name="session_schedule"),
    path("board/<int:pk>/", views.session_detail, name="session_detail"),
    path("board/<int:pk>/agenda/refresh/", views.agenda_refresh, name="agenda_refresh"),
    path("board/<int:pk>/agenda/<int:item_pk>/move/", views.agenda_move, name="agenda_move"),
    path("board/<int:pk>/agenda/<int:item_pk>/outcome/", views.outcome_form, name="outcome_form"),
    path("actions/", views.action_plan, name="action_plan"),
    path("actions.csv", views.action_plan_csv, name="action_plan_csv"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
]
