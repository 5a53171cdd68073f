"""Committee reports: drafting, clearance, publication and the published files."""

from django.urls import path

from reviews.reports import views, workflow_views

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/start/", views.report_start, name="report_start"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/details/", views.report_details, name="report_details"),
    path("reports/<int:pk>/template/", views.report_template, name="report_template"),
    path("reports/<int:pk>/refresh/", views.report_refresh, name="report_refresh"),
    path("reports/<int:pk>/sections/<str:section>/new/", views.paragraph_form, name="paragraph_add"),
    path("reports/<int:pk>/paragraphs/<int:paragraph_pk>/", views.paragraph_form, name="paragraph_edit"),
    path("reports/<int:pk>/paragraphs/<int:paragraph_pk>/move/", views.paragraph_move, name="paragraph_move"),
    path("reports/<int:pk>/paragraphs/<int:paragraph_pk>/include/", views.paragraph_include, name="paragraph_include"),
    path("reports/<int:pk>/paragraphs/<int:paragraph_pk>/confirm/", views.paragraph_confirm, name="paragraph_confirm"),
    path("reports/<int:pk>/background/new/", views.background_form, name="background_add"),
    path("reports/<int:pk>/background/<int:document_pk>/", views.background_form, name="background_edit"),
    path("reports/<int:pk>/background/<int:document_pk>/remove/", views.background_remove, name="background_remove"),
    path("reports/<int:pk>/appendices/new/", views.appendix_add, name="appendix_add"),
    path("reports/<int:pk>/appendices/upload/", views.appendix_upload, name="appendix_upload"),
    path("reports/<int:pk>/appendices/<int:appendix_pk>/", views.appendix_form, name="appendix_edit"),
    path("reports/<int:pk>/appendices/<int:appendix_pk>/remove/", views.appendix_remove, name="appendix_remove"),
    path("reports/<int:pk>/submit/", workflow_views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", workflow_views.report_return, name="report_return"),
    path("reports/<int:pk>/clear/<str:area>/", workflow_views.report_clear, name="report_clear"),
    path("reports/<int:pk>/equality/", workflow_views.report_eia, name="report_eia"),
    path("reports/<int:pk>/sign/", workflow_views.report_sign, name="report_sign"),
    path("reports/<int:pk>/publish/", workflow_views.report_publish, name="report_publish"),
    path("reports/<int:pk>/publishing/<int:job_pk>/", workflow_views.publication_progress, name="publication_progress"),
    path("reports/<int:pk>/correct/", workflow_views.report_correct, name="report_correct"),
    path("reports/<int:pk>/correct/cancel/", workflow_views.report_cancel_correction, name="report_cancel_correction"),
    path("reports/<int:pk>/decision/", workflow_views.report_decision, name="report_decision"),
    path("reports/<int:pk>/preview/<str:kind>/", workflow_views.report_preview, name="report_preview"),
    path("reports/<int:pk>/versions/<int:number>/<str:kind>/", workflow_views.version_file, name="report_version_file"),
]
