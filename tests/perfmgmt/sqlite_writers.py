"""Pairs of people saving at the same moment on an SQLite file, as two threads of one web
server would. Run as ``python -m tests.perfmgmt.sqlite_writers PATH`` by
test_sqlite_concurrency.py; prints how many saves failed and why."""

import os
import sys
import threading
import time
from collections import Counter

os.environ["DATABASE_URL"] = f"sqlite:///{sys.argv[1]}"
os.environ["DEBUG"] = "true"  # a throwaway database: no SECRET_KEY needed
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfmgmt.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from perfmgmt.models import Committee, Directorate  # noqa: E402

PAIRS = 13


def save(barrier: threading.Barrier, failures: Counter, n: int, side: int) -> None:
    """Read, think, then write, inside one transaction: the shape of every service call."""
    try:
        barrier.wait()
        with transaction.atomic():
            Directorate.objects.count()
            time.sleep(0.05)
            Committee.objects.create(name=f"Committee {n}-{side}")
    except Exception as error:  # noqa: BLE001 (counted and printed, which is the point)
        failures[str(error)] += 1
    finally:
        connection.close()


def main() -> None:
    call_command("migrate", verbosity=0)
    print("journal mode:", connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
    connection.close()
    failures = Counter()
    for n in range(PAIRS):
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=save, args=(barrier, failures, n, side)) for side in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print("saved:", Committee.objects.count(), "of", 2 * PAIRS)
    print("failures:", sum(failures.values()), dict(failures))


main()
