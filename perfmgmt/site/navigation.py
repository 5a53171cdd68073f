"""The site navigation: each role sees only the pages it may use. Glue, so it may ask
every app (here, reviews) who may use its pages."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from perfmgmt.permissions import can_use_services_pages
from perfmgmt.roles import ADMIN_ROLES, Role
from perfmgmt.setup.services import can_set_up
from reviews.board.permissions import can_read_action_plan
from reviews.reports.permissions import can_read_published_reports


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def navigation_items(user, path: str) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    items = [("Home", reverse("home"))]
    if user.has_role(Role.HEAD_OF_SERVICE, Role.STRATEGIC_DIRECTOR, Role.STRATEGY_UNIT):
        items.append(("Worry lists", reverse("worrylists:worry_list_index")))
        items.append(("Board", reverse("board:session_list")))
    if can_read_action_plan(user):  # every officer who may own an action
        items.append(("Actions", reverse("board:action_plan")))
    if user.has_role(Role.STRATEGY_UNIT, Role.STRATEGIC_DIRECTOR, Role.CONTRIBUTOR):
        items.append(("Annexes", reverse("annexes:annex_list")))
    if can_use_services_pages(user):
        items.append(("Services", reverse("plans:service_list")))
        items.append(("Plans", reverse("plans:plan_list")))
        items.append(("Scorecard", reverse("plans:scorecard")))
        items.append(("Benchmarks", reverse("benchmarks:benchmark_list")))
    if can_read_published_reports(user):
        items.append(("Reports", reverse("reports:report_list")))
    if can_set_up(user):
        items.append(("Set-up", reverse("setup:set_up")))
    if user.is_staff and user.has_role(*ADMIN_ROLES):
        items.append(("Admin", reverse("admin:index")))
    home = reverse("home")
    return [NavItem(label, url, path == url if url == home else path.startswith(url)) for label, url in items]


def navigation(request):
    """Context processor: council name and the signed-in user's navigation."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "nav_items": navigation_items(request.user, request.path),
    }
