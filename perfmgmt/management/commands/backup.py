"""Back up the whole database to a file: see the README's Backups section."""

import subprocess  # only to catch a failed pg_dump (perfmgmt/backups.py runs it)  # nosec B404
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfmgmt import backups


class Command(BaseCommand):
    help = "Write a consistent backup of the whole database (pg_dump on PostgreSQL, the SQLite backup API on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file to write, for example backups/perfmgmt-2026-12-03.dump")

    def handle(self, *args, path: Path, **options):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            backups.back_up(path)
        except (FileNotFoundError, subprocess.CalledProcessError) as error:
            raise CommandError(f"The backup was not made: {error}") from None
        self.stdout.write(self.style.SUCCESS(f"Backed up to {path} ({path.stat().st_size:,} bytes)."))
