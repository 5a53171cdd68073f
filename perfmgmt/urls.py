from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from perfmgmt.site import history as site_history
from perfmgmt.site import views

handler500 = "perfmgmt.site.views.server_error"

# The site's own pages stay outside any namespace: Django's sign-in and password views
# find them by these names. Each part of the process has its own namespace.
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.ChangePasswordView.as_view(), name="password_change"),
    path("password/changed/", views.ChangePasswordDoneView.as_view(), name="password_change_done"),
    path("", include("perfmgmt.plans.urls")),
    path("", include("perfmgmt.benchmarks.urls")),
    path("", include("perfmgmt.setup.urls")),
    path("", include("worrylists.urls")),
    path("", include("reviews.urls")),
    path("history/<slug:kind>/<int:pk>/", site_history.history, name="history"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("health/", views.health, name="health"),
    # One sign-in page for the whole product, Django admin included.
    path("admin/login/", views.admin_sign_in),
    path("admin/", admin.site.urls),
]
