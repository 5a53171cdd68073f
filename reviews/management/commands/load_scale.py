"""Add a generated council many times a real one's size, for benchmarks (bench/) and for
trying pages at scale: `manage.py load_scale --times 10 --seed 1`."""

import time

from django.core.management.base import BaseCommand, CommandError

from perfmgmt.models import Quarter
from perfmgmt.selectors import current_quarter
from reviews.demo.scale import load_scale


class Command(BaseCommand):
    help = "Add a generated council (deterministic for a seed) beside the data already there."

    def add_arguments(self, parser):
        parser.add_argument("--times", type=float, default=10.0, help="Size against a real council (default 10).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same council (default 1).")
        parser.add_argument("--quarter", type=int, help="The quarter's id (default: the current quarter).")

    def handle(self, *args, times, seed, quarter=None, **options):
        if times <= 0:
            raise CommandError("--times must be more than 0.")
        chosen = Quarter.objects.filter(pk=quarter).first() if quarter else current_quarter()
        if chosen is None:
            raise CommandError("There is no such quarter. Set one up first (or load the demo).")
        started = time.monotonic()
        try:
            counts = load_scale(times=times, seed=seed, quarter=chosen)
        except ValueError as error:
            raise CommandError(str(error)) from None
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"Added for {chosen.label}: {summary}, in {time.monotonic() - started:.1f} s.")
        )
