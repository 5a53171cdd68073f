"""The reviews app's pages, one namespace for each part of the process."""

from django.urls import include, path

urlpatterns = [
    path("", include("reviews.board.urls")),
    path("", include("reviews.annexes.urls")),
    path("", include("reviews.reports.urls")),
    path("", include("reviews.report_templates.urls")),
]
