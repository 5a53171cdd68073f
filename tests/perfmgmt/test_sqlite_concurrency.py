"""SQLite, the default database, serves two people saving at once: without WAL, a busy
timeout and immediate transactions, 13 of 13 simultaneous pairs of saves failed with
"database is locked". Runs in its own process on an SQLite file, also in CI."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_simultaneous_saves_on_sqlite_all_succeed(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.perfmgmt.sqlite_writers", str(tmp_path / "perfmgmt.sqlite3")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "journal mode: wal" in result.stdout
    assert "saved: 26 of 26" in result.stdout and "failures: 0" in result.stdout, result.stdout
