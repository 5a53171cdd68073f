from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from perfmgmt import views

handler500 = "perfmgmt.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("password/changed/", views.ChangePasswordDoneView.as_view(), name="password_change_done"),
    path("services/", views.service_list, name="service_list"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("health/", views.health, name="health"),
    # One sign-in page for the whole product, Django admin included.
    path("admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
]
