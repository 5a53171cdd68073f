"""Services, business plans, measures and the scorecard."""

from django.urls import path

from perfmgmt.plans import views

app_name = "plans"

urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/start/<int:service_pk>/<int:start_year>/", views.plan_start, name="plan_start"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/purpose/", views.plan_purpose, name="plan_purpose"),
    path("plans/<int:pk>/objectives/new/", views.objective_form, name="objective_add"),
    path("plans/<int:pk>/objectives/<int:objective_pk>/", views.objective_form, name="objective_edit"),
    path("plans/<int:pk>/objectives/<int:objective_pk>/remove/", views.objective_delete, name="objective_delete"),
    path("plans/<int:pk>/measures/new/", views.measure_form, name="measure_add"),
    path("plans/<int:pk>/measures/<int:measure_pk>/", views.measure_form, name="measure_edit"),
    path("plans/<int:pk>/measures/<int:measure_pk>/remove/", views.measure_delete, name="measure_delete"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/agree/", views.plan_agree, name="plan_agree"),
    path("plans/<int:pk>/send-back/", views.plan_send_back, name="plan_send_back"),
    path("plans/<int:pk>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/quarters/<int:quarter_pk>/", views.figure_form, name="figure_edit"),
    path("scorecard/", views.scorecard, name="scorecard"),
    path("scorecard.csv", views.scorecard_csv, name="scorecard_csv"),
]
