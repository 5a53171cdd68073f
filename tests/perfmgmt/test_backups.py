"""Backups round-trip the demo: every table, history and the published files included,
on PostgreSQL (pg_dump and pg_restore, as CI runs) and on SQLite (its backup API)."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from perfmgmt.models import User
from reviews.models import ReportFile
from tests.conftest import require_postgresql
from tests.perfmgmt.database_snapshot import snapshot

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("pdfs_once")
def test_the_demo_round_trips_through_a_postgresql_backup(tmp_path):
    require_postgresql()
    call_command("load_demo", password="backup-check-password", force=True, stdout=StringIO())
    before = snapshot()
    assert before["reviews_reportfile"][0] > 0 and before["perfmgmt_historicalquarter"][0] > 0
    call_command("backup", str(tmp_path / "perfmgmt.dump"), stdout=StringIO())

    ReportFile.objects.all().delete()  # what a backup is for: a published file lost,
    User.objects.filter(username="councillor").update(first_name="Changed")  # and a record changed
    assert snapshot() != before
    call_command("restore", str(tmp_path / "perfmgmt.dump"), "--yes", stdout=StringIO())
    after = snapshot()
    assert [table for table in before if before[table] != after.get(table)] == []
    assert set(after) == set(before)


def test_the_demo_round_trips_through_an_sqlite_backup(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.perfmgmt.sqlite_backup_round_trip", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "different: []" in result.stdout, result.stdout
    assert "published files: 0" not in result.stdout


@pytest.mark.django_db
def test_restore_asks_before_it_replaces_anything(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "backup.dump"))
    with pytest.raises(CommandError, match="There is no backup"):
        call_command("restore", str(tmp_path / "backup.dump"), "--yes")


@pytest.mark.django_db
def test_a_file_that_is_not_a_backup_is_refused_with_a_message(tmp_path):
    junk = tmp_path / "not-a-backup.dump"
    junk.write_text("hello")
    with pytest.raises(CommandError, match="could not be restored"):
        call_command("restore", str(junk), "--yes")
