"""Benchmark indicators and their CSV import."""

from django.urls import path

from perfmgmt.benchmarks import views

app_name = "benchmarks"

urlpatterns = [
    path("benchmarks/", views.benchmark_list, name="benchmark_list"),
    path("benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("benchmarks/template.csv", views.benchmark_template, name="benchmark_template"),
    path("benchmarks/indicators.csv", views.benchmark_export, name="benchmark_export"),
    path("benchmarks/import/", views.benchmark_upload, name="benchmark_upload"),
    path("benchmarks/import/<int:pk>/", views.benchmark_preview, name="benchmark_preview"),
    path("benchmarks/import/<int:pk>/confirm/", views.benchmark_confirm, name="benchmark_confirm"),
]
