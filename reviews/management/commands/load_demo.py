"""Load the demo council of the reference report, for trying the product out.

It lives in ``reviews``, the app at the top of the dependency chain, because it builds
every app's demo data in order: organisation first, then (as they exist) plans, worry
lists, board sessions and the committee report.
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perfmgmt import email
from perfmgmt.demo import organisation as core_demo
from perfmgmt.demo.benchmarks import load_benchmarks
from perfmgmt.demo.plans import load_plans
from perfmgmt.selectors import current_quarter
from reviews.demo import board as reviews_demo
from reviews.demo import cabinet as demo_cabinet
from reviews.demo import report as demo_report
from worrylists import demo as worrylists_demo


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo council, its quarters and one user per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for every demo user. Without it a new random password is set and printed.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off. The demo sets the passwords and roles of users such as 'admin'.",
        )

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a live database: the demo would reset the passwords and roles of "
                "users such as 'admin'. Run it with --force if you are sure."
            )
        password = password or secrets.token_urlsafe(12)
        with email.held_back():
            people = core_demo.load_organisation(password=password)
            load_plans(people)
            load_benchmarks(people)
            worrylists_demo.load_worry_lists(people)
            reviews_demo.load_sessions(people)
            demo_report.load_report(people)
            demo_cabinet.load_cabinet_report(people)
            opened = core_demo.open_the_next_quarter(people)
            if opened:  # the first load: Q3's actions are reported complete in Q4
                reviews_demo.complete_the_actions(opened)
        current = current_quarter()

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: Portsmouth City Council, {current.label} {current.get_status_display().lower()}; "
                "Q3 2011/12 and its published reports kept as they were."
            )
        )
        self.stdout.write("")
        self.stdout.write("Sign in as any of these users (all share one password):")
        for role, username in core_demo.ROLE_LOGINS.items():
            user = people[username]
            self.stdout.write(f"  {role.label:<36} {username:<18} {user.get_full_name()}")
        self.stdout.write("")
        self.stdout.write(f"Password: {password}")
        self.stdout.write("Every other demo person (for example head.childrens, jon.bell) uses the same password.")
