from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from perfmgmt import benchmark_views, measure_views, plan_views, scorecard_views, views

handler500 = "perfmgmt.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("password/changed/", views.ChangePasswordDoneView.as_view(), name="password_change_done"),
    path("services/", views.service_list, name="service_list"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/start/<int:service_pk>/<int:start_year>/", plan_views.plan_start, name="plan_start"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/purpose/", plan_views.plan_purpose, name="plan_purpose"),
    path("plans/<int:pk>/objectives/new/", plan_views.objective_form, name="objective_add"),
    path("plans/<int:pk>/objectives/<int:objective_pk>/", plan_views.objective_form, name="objective_edit"),
    path("plans/<int:pk>/objectives/<int:objective_pk>/remove/", plan_views.objective_delete, name="objective_delete"),
    path("plans/<int:pk>/measures/new/", plan_views.measure_form, name="measure_add"),
    path("plans/<int:pk>/measures/<int:measure_pk>/", plan_views.measure_form, name="measure_edit"),
    path("plans/<int:pk>/measures/<int:measure_pk>/remove/", plan_views.measure_delete, name="measure_delete"),
    path("plans/<int:pk>/submit/", plan_views.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/agree/", plan_views.plan_agree, name="plan_agree"),
    path("plans/<int:pk>/send-back/", plan_views.plan_send_back, name="plan_send_back"),
    path("plans/<int:pk>/reopen/", plan_views.plan_reopen, name="plan_reopen"),
    path("measures/<int:pk>/", measure_views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/quarters/<int:quarter_pk>/", measure_views.figure_form, name="figure_edit"),
    path("scorecard/", scorecard_views.scorecard, name="scorecard"),
    path("scorecard.csv", scorecard_views.scorecard_csv, name="scorecard_csv"),
    path("benchmarks/", benchmark_views.benchmark_list, name="benchmark_list"),
    path("benchmarks/<int:pk>/", benchmark_views.benchmark_detail, name="benchmark_detail"),
    path("benchmarks/template.csv", benchmark_views.benchmark_template, name="benchmark_template"),
    path("benchmarks/indicators.csv", benchmark_views.benchmark_export, name="benchmark_export"),
    path("benchmarks/import/", benchmark_views.benchmark_upload, name="benchmark_upload"),
    path("benchmarks/import/<int:pk>/", benchmark_views.benchmark_preview, name="benchmark_preview"),
    path("benchmarks/import/<int:pk>/confirm/", benchmark_views.benchmark_confirm, name="benchmark_confirm"),
    path("", include("worrylists.urls")),
    path("", include("reviews.urls")),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("health/", views.health, name="health"),
    # One sign-in page for the whole product, Django admin included.
    path("admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
]
