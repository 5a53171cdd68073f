"""The settings module started as production starts it: in a fresh process from env values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "q8v#2kz!0m@x7r$w3n^p5t&y9u*b1c(d4e)f6g_h8j+k0l=m2n-o4p~r6s",
    "ALLOWED_HOSTS": "performance.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/perfmgmt-deploy-check.sqlite3",
    "EMAIL_BACKEND": "smtp",
    "EMAIL_HOST": "smtp.example.gov.uk",
}

# Set for the test run only (tests/environment.py); a production process has none of them.
TEST_ONLY_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "COUNCIL_NAME",
    "DATABASE_URL",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_pass_with_production_values():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_fail_when_debug_is_left_on():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


def test_app_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "perfmgmt cannot start: SECRET_KEY is not set. Set SECRET_KEY to a long random value "
        "(or DEBUG=true on a development machine)."
    )


def test_app_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_boolean_is_named_in_the_error():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_email_backend_is_refused():
    result = run_manage("check", env={**PRODUCTION_ENV, "EMAIL_BACKEND": "carrier-pigeon"})
    assert result.returncode != 0
    assert "EMAIL_BACKEND must be one of console, smtp" in result.stderr


def test_production_settings_are_secure_by_default():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT,"
        " s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.SESSION_COOKIE_AGE, s.TIME_ZONE, s.LANGUAGE_CODE,"
        " s.DATABASES['default']['CONN_MAX_AGE'] > 0 or s.DATABASES['default']['ENGINE'].endswith('sqlite3'))"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "1800", "Europe/London", "en-gb", "True"]


def test_postgres_url_gets_persistent_connections_with_health_checks():
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    env = {**PRODUCTION_ENV, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/anything"}
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == ["django.db.backends.postgresql", "600", "True"], result.stderr


def test_collectstatic_works_with_the_production_storage(tmp_path):
    result = run_manage("collectstatic", "--no-input", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.django_db
def test_health_answers_over_plain_http_when_everything_else_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    response = client.get("/sign-in/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_vendored_gov_uk_styles_carry_no_gov_uk_font_or_images():
    css = (ROOT / "static" / "govuk" / "govuk-frontend.min.css").read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "url(" not in css
    assert "font-family:arial,sans-serif" in css
    assert not (ROOT / "static" / "govuk" / "assets").exists()


@pytest.mark.django_db
def test_a_refused_request_is_logged_as_one_line_without_a_traceback(client, org, caplog):
    client.force_login(org.member)
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.get(reverse("worrylists:worry_list_tracker")).status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /worry-lists/tracker/"
    assert record.exc_info is None
