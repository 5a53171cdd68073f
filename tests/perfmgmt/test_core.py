"""Roles, quarter transitions, history and the demo council."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from perfmgmt import services
from perfmgmt.demo.organisation import GROUPINGS, ROLE_LOGINS
from perfmgmt.models import DmtGrouping, Quarter, Service, User
from perfmgmt.permissions import services_visible_to
from perfmgmt.roles import Role, role_permissions
from perfmgmt.selectors import current_quarter
from reviews.board.services import agree_action, overdue_actions
from reviews.models import Action, Theme


@pytest.mark.django_db
def test_every_role_is_a_group_with_exactly_its_permissions():
    for role, names in role_permissions().items():
        group = Group.objects.get(name=role.label)
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == set(names), role


@pytest.mark.django_db
def test_every_permission_named_in_the_role_table_exists():
    existing = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.select_related("content_type")}
    for role, names in role_permissions().items():
        assert set(names) <= existing, (role, set(names) - existing)


@pytest.mark.django_db
def test_only_administrators_may_change_people_and_services(org):
    assert org.administrator.has_perm("perfmgmt.change_user")
    assert org.administrator.has_perm("perfmgmt.change_service")
    assert not org.strategy_officer.has_perm("perfmgmt.change_user")
    assert org.strategy_officer.has_perm("perfmgmt.change_quarter")
    assert not org.head.has_perm("perfmgmt.change_quarter")
    assert not org.member.has_perm("perfmgmt.view_service")


@pytest.mark.django_db
def test_scope_comes_from_the_organisation(org):
    assert list(services_visible_to(org.head)) == [org.service]
    assert list(services_visible_to(org.director)) == [org.service]
    assert set(services_visible_to(org.strategy_officer)) == {org.service, org.other_service}
    assert not services_visible_to(org.clerk).exists()
    assert not services_visible_to(org.member).exists()


@pytest.mark.django_db
def test_an_inactive_person_sees_nothing(org):
    org.strategy_officer.is_active = False
    org.strategy_officer.save()
    assert not services_visible_to(User.objects.get(pk=org.strategy_officer.pk)).exists()


@pytest.mark.django_db
def test_strategy_unit_closes_a_quarter_and_it_is_stamped(org):
    quarter = Quarter.objects.get()
    closed = services.close_quarter(quarter=quarter, by=org.strategy_officer)
    closed.refresh_from_db()
    assert closed.status == Quarter.Status.CLOSED
    assert closed.status_changed_by == org.strategy_officer
    assert closed.status_changed_at is not None
    assert closed.history.first().history_change_reason == f"Closed by {org.strategy_officer}"


@pytest.mark.django_db
def test_a_head_of_service_cannot_close_a_quarter_and_nothing_changes(org):
    quarter = Quarter.objects.get()
    with pytest.raises(PermissionDenied):
        services.close_quarter(quarter=quarter, by=org.head)
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.OPEN
    assert quarter.status_changed_by is None


@pytest.mark.django_db
def test_a_planned_quarter_cannot_be_closed(org):
    quarter = Quarter.objects.get()
    quarter.status = Quarter.Status.PLANNED
    quarter.save()
    with pytest.raises(ValidationError, match="is planned; it cannot be made closed"):
        services.close_quarter(quarter=quarter, by=org.strategy_officer)


@pytest.mark.django_db
def test_a_deadline_before_the_quarter_starts_is_refused(org):
    from datetime import date

    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2011, 9, 1)
    with pytest.raises(ValidationError) as error:
        quarter.full_clean()
    assert "1 October 2011" in str(error.value.message_dict["worry_list_deadline"])


@pytest.mark.django_db
def test_changes_to_the_organisation_are_kept_with_who_and_when(org):
    org.service.name = "School Standards"
    org.service._change_reason = "Renamed"
    org.service.save()
    org.service.heads.add(org.other_head)
    latest = org.service.history.first()
    assert latest.name == "School Standards"
    assert latest.history_date is not None
    assert org.service.history.count() >= 2


@pytest.mark.django_db
@pytest.mark.usefixtures("pdfs_once")
def test_demo_builds_the_reference_council_and_is_idempotent():
    call_command("load_demo", password="demo-password-1", force=True, stdout=StringIO())
    counts = {model: model.history.count() for model in (User, Service, DmtGrouping, Quarter)}
    visitors = agree_action(
        by=User.objects.get(username="strategy.officer"),
        title="An action a visitor agreed",
        owner=User.objects.get(username="head.education"),
        due=timezone.localdate(),
        theme=Theme.objects.first(),
    )
    call_command("load_demo", password="demo-password-1", force=True, stdout=StringIO())
    assert {model: model.history.count() for model in counts} == counts
    visitors.refresh_from_db()
    assert visitors.status == Action.Status.NOT_STARTED  # loading again leaves what the visitor did

    assert set(DmtGrouping.objects.values_list("name", flat=True)) == set(GROUPINGS)
    # A visitor works in Q4 2011/12, whose deadlines have not passed; Q3 is kept as it was.
    today = timezone.localdate()
    current = current_quarter()
    assert current.label == "Q4 2011/12" and current.status == Quarter.Status.OPEN
    assert all(getattr(current, name) > today for name in Quarter.DEADLINES)
    assert Quarter.objects.get(financial_year__start_year=2011, number=3).status == Quarter.Status.OPEN
    assert not overdue_actions(today).exists()
    for role, username in ROLE_LOGINS.items():
        user = User.objects.get(username=username)
        assert user.has_role(role), username
        assert user.check_password("demo-password-1")
    assert Service.objects.get(name="Education Standards").heads.get().username == "head.education"
    assert User.objects.get(username="audit.contributor").contributor_area == "internal_audit"
    assert User.objects.get(username="jon.bell").job_title == "Head of Audit and Performance Improvement"


@pytest.mark.django_db
@pytest.mark.usefixtures("pdfs_once")
def test_demo_prints_one_sign_in_per_role_and_the_password_and_emails_nobody(
    capsys, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", password="demo-password-2", force=True)
    assert mailoutbox == []
    out = capsys.readouterr().out
    for role, username in ROLE_LOGINS.items():
        assert role.label in out and username in out
    assert "Password: demo-password-2" in out


@pytest.mark.django_db
@pytest.mark.usefixtures("pdfs_once")
def test_demo_without_a_password_makes_a_random_one(capsys):
    call_command("load_demo", force=True)
    password = capsys.readouterr().out.split("Password: ")[1].split()[0]
    assert len(password) >= 12
    assert User.objects.get(username="admin").check_password(password)


def test_roles_cover_the_design_table():
    assert {role.label for role in Role} == {
        "Head of service",
        "Strategic Director",
        "Strategy Unit officer",
        "Contributor",
        "Legal adviser (report clearance)",
        "Finance adviser (report clearance)",
        # Issue 11: a report template may have an equality or a risk adviser write and clear a section.
        "Equality adviser (report clearance)",
        "Risk adviser (report clearance)",
        "Committee clerk",
        "Member",
        "Administrator",
    }


@pytest.mark.django_db
def test_demo_refuses_to_touch_what_may_be_a_live_database(settings):
    from django.core.management import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", password="x", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_user_history_keeps_roles_but_never_password_hashes_or_sign_ins(client, org):
    from perfmgmt.roles import Role as R

    before = org.head.history.count()
    client.post("/sign-in/", {"username": "helen", "password": "correct-horse-battery-staple"})
    client.post("/sign-in/", {"username": "helen", "password": "correct-horse-battery-staple"})
    assert org.head.history.count() == before
    assert "password" not in {field.name for field in org.head.history.model._meta.fields}
    org.head.groups.add(Group.objects.get(name=R.STRATEGY_UNIT.label))
    latest = org.head.history.first()
    assert {group.group.name for group in latest.groups.all()} >= {R.STRATEGY_UNIT.label}


@pytest.mark.django_db
def test_services_record_who_made_the_change_even_without_a_request(org):
    quarter = Quarter.objects.get()
    services.close_quarter(quarter=quarter, by=org.strategy_officer)
    assert quarter.history.first().history_user == org.strategy_officer


@pytest.mark.django_db
def test_a_superuser_counts_as_an_administrator():
    from tests.factories import UserFactory

    first = UserFactory(username="first", is_superuser=True, is_staff=True)
    assert first.has_role(Role.ADMINISTRATOR)
