from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from perfmgmt.site.session_lifetime import SIGNED_IN_AT
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_signing_in_takes_a_person_to_their_home_page(client, org):
    response = client.post(reverse("login"), {"username": "helen", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == org.head


@pytest.mark.django_db
def test_signing_in_returns_to_the_page_asked_for(client, org):
    url = reverse("plans:service_detail", args=[org.service.pk])
    response = client.post(f"{reverse('login')}?next={url}", {"username": "helen", "password": PASSWORD, "next": url})
    assert response["Location"] == url


@pytest.mark.django_db
def test_sign_in_never_redirects_off_site(client, org):
    response = client.post(
        reverse("login"), {"username": "helen", "password": PASSWORD, "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse("home")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "messages"),
    [
        ({"username": "", "password": ""}, ["Enter your username", "Enter your password"]),
        ({"username": "helen", "password": ""}, ["Enter your password"]),
        ({"username": "helen", "password": "wrong"}, ["Enter a correct username and password."]),
    ],
)
def test_bad_sign_in_shows_a_gov_uk_error_summary(client, org, data, messages):
    response = client.post(reverse("login"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    assert "There is a problem" in page
    assert "<title>Error: Sign in" in page
    for message in messages:
        assert page.count(message) >= 1
    assert "Traceback" not in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_bad_sign_in_keeps_the_username_typed(client, org):
    response = client.post(reverse("login"), {"username": "helen", "password": "wrong"})
    assert 'value="helen"' in response.content.decode()


@pytest.mark.django_db
def test_an_inactive_account_cannot_sign_in(client, org):
    org.head.is_active = False
    org.head.save()
    response = client.post(reverse("login"), {"username": "helen", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_is_a_post_and_ends_the_session(client, org):
    client.force_login(org.head)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_password_change_with_bad_input_shows_every_problem_and_keeps_the_old_password(client, org):
    client.force_login(org.head)
    response = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": "short", "new_password2": "different"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert "Your current password is not right" in page
    assert "The two new passwords do not match" in page
    assert "<title>Error: Change your password" in page
    org.head.refresh_from_db()
    assert org.head.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_refuses_a_weak_new_password(client, org):
    client.force_login(org.head)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    page = response.content.decode()
    assert "This password is too short" in page
    assert "This password is entirely numeric" in page
    org.head.refresh_from_db()
    assert org.head.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_change_works_and_keeps_the_person_signed_in(client, org):
    client.force_login(org.head)
    new = "a-much-better-passphrase-2012"
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response["Location"] == reverse("password_change_done")
    org.head.refresh_from_db()
    assert org.head.check_password(new)
    assert "Password changed" in client.get(reverse("password_change_done")).content.decode()
    assert org.head.history.filter(history_type="~").exists()


@pytest.mark.django_db
def test_a_session_ends_after_its_absolute_lifetime_even_when_active(client, org, settings):
    client.force_login(org.head)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    started = timezone.now() - settings.SESSION_ABSOLUTE_LIFETIME - timedelta(minutes=1)
    session[SIGNED_IN_AT] = started.isoformat()
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    page = client.get(response["Location"]).content.decode()
    assert "signed out because your session reached its time limit" in page
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_a_session_ends_when_idle_and_each_request_extends_it(client, org, settings):
    from django.contrib.sessions.models import Session

    client.force_login(org.head)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=5))
    assert client.get(reverse("home")).status_code == 200
    idle_limit = timezone.now() + timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert abs(Session.objects.get().expire_date - idle_limit) < timedelta(minutes=1)

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_the_session_cookie_ends_when_the_browser_closes(client, org):
    response = client.post(reverse("login"), {"username": "helen", "password": PASSWORD})
    assert response.cookies["sessionid"]["expires"] == ""
    assert response.cookies["sessionid"]["max-age"] == ""


def _wrong(client, username="helen", address="203.0.113.9"):
    return client.post(reverse("login"), {"username": username, "password": "not-it"}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_five_wrong_passwords_pause_the_account_from_that_address_then_it_opens_again(client, org, settings):
    for _ in range(4):
        assert _wrong(client).status_code == 200  # the form again, with its message
    paused = _wrong(client)
    assert paused.status_code == 429
    page = paused.content.decode()
    assert "Signing in is paused" in page and "Try again after" in page
    # The right password does not get in from that address while it is paused.
    right = client.post(reverse("login"), {"username": "helen", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # A colleague behind the same address is not locked out by it...
    colleague = client.post(reverse("login"), {"username": "marcus", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert colleague.status_code == 302
    client.logout()
    # ...nor is the account's owner at their own desk, by someone guessing elsewhere.
    owner = client.post(reverse("login"), {"username": "helen", "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert owner.status_code == 302
    client.logout()

    # The pause passes: the failures are now older than the pause.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    again = client.post(reverse("login"), {"username": "helen", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert again.status_code == 302


@pytest.mark.django_db
def test_every_failure_is_logged_on_one_line_with_the_username_escaped(client, org, caplog):
    with caplog.at_level("WARNING", logger="perfmgmt.sign_in"):
        _wrong(client, username="helen\nSign-in succeeded for admin")
    lines = [record.getMessage() for record in caplog.records if record.name == "perfmgmt.sign_in"]
    assert lines == ["Sign-in failed for username 'helen\\nSign-in succeeded for admin' from address '203.0.113.9'"]


@pytest.mark.django_db
def test_behind_trusted_proxies_the_clients_own_address_is_the_one_paused(client, org, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": "helen", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    at_her_desk = client.post(
        reverse("login"),
        {"username": "helen", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert at_her_desk.status_code == 302  # the same proxy, another address: not paused
    client.logout()
    guesser = client.post(
        reverse("login"),
        {"username": "helen", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert guesser.status_code == 429
