"""The README's run command, `make run`, brings the app up on SQLite with the demo data."""

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in as a person would, through the form, and return the page they land on."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/sign-in/"
    form = opener.open(url, timeout=5).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(url, data=data.encode(), headers={"Referer": url})
    return opener.open(request, timeout=10).read().decode()


def wait_for_tasks(database: Path, seconds: int = 60) -> set[str]:
    deadline = time.monotonic() + seconds
    while True:
        with sqlite3.connect(database) as connection:
            statuses = {row[0] for row in connection.execute("SELECT status FROM django_tasks_database_dbtaskresult")}
        if statuses and statuses <= {"SUCCESSFUL", "FAILED"} or time.monotonic() > deadline:
            return statuses
        time.sleep(0.5)


def test_make_run_serves_the_demo_council_on_sqlite(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "DJANGO_SETTINGS_MODULE",
            "COUNCIL_NAME",
            "ALLOWED_HOSTS",
            "TASK_BACKEND",
        }
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    log = tmp_path / "run.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}", "DEMO_PASSWORD=readme-check-password"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180
        page = None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=5) as response:  # noqa: S310
                    page = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        output = log.read_text()
        assert page is not None, output
        assert "Sign in" in page and "Portsmouth City Council" in page
        assert "Q4 2011/12 open" in output
        assert "head.education" in output and "Password: readme-check-password" in output
        assert "Subject:" not in output and "Content-Type:" not in output  # the demo emails nobody
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as response:  # noqa: S310
            assert response.read() == b'{"status": "ok"}'
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/app.css", timeout=5) as response:  # noqa: S310
            assert b"app-header" in response.read()
        home = sign_in(port, "head.education", "readme-check-password")
        # The first head of service has a list to draft, due in the future.
        assert "What needs doing in Q4 2011/12" in home
        assert "Start the Education Standards worry list" in home and "days left" in home
        assert "deadline passed" not in home and "overdue" not in home.lower()
        # The worker beside the server runs what the demo queued (its two publications).
        assert wait_for_tasks(tmp_path / "demo.sqlite3") == {"SUCCESSFUL"}, log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
