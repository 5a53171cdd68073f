"""Report templates: how each council prints its committee report."""

from django.urls import path

from reviews.report_templates import views

app_name = "report_templates"

urlpatterns = [
    path("report-templates/", views.template_list, name="template_list"),
    path("report-templates/<int:pk>/", views.template_detail, name="template_detail"),
    path("report-templates/<int:pk>/copy/", views.template_copy, name="template_copy"),
    path("report-templates/<int:pk>/settings/", views.template_settings, name="template_settings"),
    path("report-templates/<int:pk>/preview.<str:kind>", views.template_preview, name="template_preview"),
    path("report-templates/<int:pk>/rows/new/", views.row_form, name="row_add"),
    path("report-templates/<int:pk>/rows/<int:row_pk>/", views.row_form, name="row_edit"),
    path("report-templates/<int:pk>/sections/new/", views.section_form, name="section_add"),
    path("report-templates/<int:pk>/sections/<int:section_pk>/", views.section_form, name="section_edit"),
    path("report-templates/<int:pk>/<str:part>/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("report-templates/<int:pk>/<str:part>/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
]
