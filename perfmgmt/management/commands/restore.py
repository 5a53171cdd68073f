"""Restore the whole database from a backup file: see the README's Backups section."""

import sqlite3
import subprocess  # only to catch a failed pg_restore (perfmgmt/backups.py runs it)  # nosec B404
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfmgmt import backups


class Command(BaseCommand):
    help = "Replace everything in the database with a backup made by the backup command."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="Confirm that the database's contents are replaced.")

    def handle(self, *args, path: Path, yes=False, **options):
        if not yes:
            raise CommandError("This replaces everything in the database with the backup. Run it again with --yes.")
        try:
            backups.restore(path)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        except (subprocess.CalledProcessError, sqlite3.DatabaseError) as error:
            raise CommandError(
                f"{path} could not be restored ({error}). Is it a backup of this kind of database, made by this "
                "release of the product?"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {path}."))
