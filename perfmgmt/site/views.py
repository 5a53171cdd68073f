"""Pages of the site as a whole: home, signing in, the accessibility statement, health and errors."""

from datetime import date

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from perfmgmt import selectors
from perfmgmt.permissions import require
from perfmgmt.roles import ADVISER_ROLES, Role
from perfmgmt.setup.services import can_set_up
from perfmgmt.site import home as home_sections
from perfmgmt.site.forms import ChangePasswordForm, SignInForm

# Each role's part of the home page, in the order they are shown.
HOME_SECTIONS = [
    (Role.HEAD_OF_SERVICE, home_sections.head_of_service_sections),
    (Role.STRATEGIC_DIRECTOR, home_sections.director_sections),
    (Role.STRATEGY_UNIT, home_sections.strategy_unit_sections),
    (Role.CONTRIBUTOR, home_sections.contributor_sections),
]

# When the accessibility statement was last reviewed against the service.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 28)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "registration/change_password.html"


class ChangePasswordDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/change_password_done.html"


@require_GET
def home(request):
    """What needs doing next in the current quarter, for each of the person's roles."""
    user = request.user
    quarter = selectors.current_quarter()
    today = timezone.localdate()
    sections = []
    made = home_sections.documents_being_made(user)
    if made:
        sections.append(made)
    if quarter is not None:
        for role, sections_for in HOME_SECTIONS:
            if user.has_role(role):
                sections += sections_for(user, quarter, today)
    if user.has_role(Role.MEMBER, Role.COMMITTEE_CLERK):
        sections.append(home_sections.latest_published(user))
    context = {
        "quarter": quarter,
        # Members read reports; everyone else has work in the quarter.
        "reads_only": user.roles == {Role.MEMBER},
        "roles": sorted(user.roles, key=list(Role).index),
        "sections": sections,
        "can_set_up": can_set_up(user),
        "show_adviser": user.has_role(*ADVISER_ROLES),
        "show_admin": user.has_role(Role.ADMINISTRATOR) and user.is_staff,
        "no_contributor_area": user.has_role(Role.CONTRIBUTOR) and not user.contributor_area,
    }
    return render(request, "perfmgmt/site/home.html", context)


@login_not_required
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "perfmgmt/site/accessibility_statement.html",
        {"support_email": settings.SUPPORT_EMAIL, "statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )


@login_not_required
@never_cache
@require_GET
def health(request):
    """For load balancers and monitoring: answers only whether the app and its database work."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
@require_GET
def admin_sign_in(request):
    """Django admin sends people here when they may not use it. Visitors go to the one
    sign-in page; a signed-in person without admin access is told so, rather than being
    sent round between admin and sign-in."""
    require(not request.user.is_authenticated)
    return redirect_to_login(request.GET.get("next", reverse("admin:index")))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    """Rendered without the request's context processors: they may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"council_name": settings.COUNCIL_NAME}))
