"""Annexes, contributors' notes and session packs (they hang off a Board session)."""

from django.urls import path

from reviews.annexes import views

app_name = "annexes"

urlpatterns = [
    path("annexes/", views.annex_list, name="annex_list"),
    path("board/<int:pk>/annex/", views.annex_detail, name="annex_detail"),
    path("board/<int:pk>/annex/contents/", views.annex_contents, name="annex_contents"),
    path("board/<int:pk>/annex/ready/", views.annex_ready, name="annex_ready"),
    path("board/<int:pk>/annex/notes/new/", views.note_form, name="note_add"),
    path("board/<int:pk>/annex/notes/<int:note_pk>/", views.note_form, name="note_edit"),
    path("board/<int:pk>/pack/", views.session_pack, name="session_pack"),
    path("board/<int:pk>/pack.pdf", views.session_pack_pdf, name="session_pack_pdf"),
    path("board/<int:pk>/pack/pdf/<int:job_pk>/", views.pack_pdf_progress, name="pack_pdf_progress"),
    path("board/<int:pk>/pack/pdf/<int:job_pk>/file/", views.pack_pdf_file, name="pack_pdf_file"),
]
