"""The demo on an SQLite file, backed up, damaged and restored; run as
``python -m tests.perfmgmt.sqlite_backup_round_trip DIR`` by test_backups.py."""

import os
import sys
from io import StringIO
from pathlib import Path


def main():
    folder = Path(sys.argv[1])
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'perfmgmt.sqlite3'}"
    os.environ["DEBUG"] = "true"  # a throwaway database: no SECRET_KEY needed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfmgmt.settings")
    import django

    django.setup()

    from django.core.management import call_command

    from reviews.models import ReportFile
    from tests.perfmgmt.database_snapshot import snapshot

    call_command("migrate", verbosity=0)
    call_command("load_demo", password="backup-check-password", stdout=StringIO())
    before = snapshot()
    call_command("backup", str(folder / "backup.sqlite3"), stdout=StringIO())
    ReportFile.objects.all().delete()  # a published file lost
    assert snapshot() != before
    call_command("restore", str(folder / "backup.sqlite3"), "--yes", stdout=StringIO())
    after = snapshot()
    different = sorted(table for table in before if before[table] != after.get(table))
    print("tables:", len(before), "published files:", before["reviews_reportfile"][0])
    print("different:", different)


# Guarded: PDFs are made in processes that import the main module again (reviews/pdf_process.py).
if __name__ == "__main__":
    main()
