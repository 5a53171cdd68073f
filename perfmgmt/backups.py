"""Backing up and restoring the whole database, every app's tables with their history and
the published report files (which are stored in the database): pg_dump and pg_restore on
PostgreSQL, SQLite's own online backup on SQLite. The backup and restore commands call
these."""

import os
import shutil
import sqlite3
import subprocess  # pg_dump and pg_restore, with arguments from settings  # nosec B404
from pathlib import Path

from django.db import connection


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed here: install PostgreSQL's client tools (postgresql-client).")
    return found


def _postgres_environment() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    arguments = ["--port", str(settings["PORT"] or 5432)]
    if settings["HOST"]:  # otherwise the local socket, as the app uses
        arguments += ["--host", settings["HOST"]]
    if settings["USER"]:
        arguments += ["--username", settings["USER"]]
    environment = {**os.environ}
    if settings["PASSWORD"]:
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return arguments, environment


def back_up(path: Path) -> None:
    """Write a consistent copy of the database to path, while the app keeps running."""
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment()
        subprocess.run(  # noqa: S603  # the arguments come from settings, not from anyone's input  # nosec B603
            [
                _tool("pg_dump"),
                *arguments,
                "--format=custom",
                "--no-owner",
                "--file",
                str(path),
                connection.settings_dict["NAME"],
            ],
            env=environment,
            check=True,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
    else:
        raise NotImplementedError(f"No backup for {connection.vendor} databases.")


def restore(path: Path) -> None:
    """Replace everything in the database with the backup at path."""
    if not path.is_file():
        raise FileNotFoundError(f"There is no backup at {path}.")
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment()
        connection.close()
        subprocess.run(  # noqa: S603  # the arguments come from settings, not from anyone's input  # nosec B603
            [
                _tool("pg_restore"),
                *arguments,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(path),
            ],
            env=environment,
            check=True,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
    else:
        raise NotImplementedError(f"No restore for {connection.vendor} databases.")
