"""Remind heads of service whose worry list for the current quarter is not submitted.

For a scheduler (cron, a systemd timer): run it daily; it sends only while the deadline
is within --days-before days and has not passed, unless --now is given.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from perfmgmt.selectors import current_quarter
from worrylists import services


class Command(BaseCommand):
    help = "Email reminders to heads of service whose worry list for the current quarter is not submitted."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=5, help="Start reminding this many days before.")
        parser.add_argument("--now", action="store_true", help="Send now, whatever the date.")

    def handle(self, *args, days_before, now, **options):
        quarter = current_quarter()
        if quarter is None or quarter.worry_list_deadline is None:
            self.stdout.write("No open quarter with a worry-list deadline: nothing to send.")
            return
        days_left = (quarter.worry_list_deadline - timezone.localdate()).days
        if not now and not 0 <= days_left <= days_before:
            self.stdout.write(f"{quarter.label}: the deadline is {days_left} days away; no reminders today.")
            return
        reminded = services.send_reminders(quarter=quarter)
        for item in reminded:
            self.stdout.write(f"Reminded: {item.service}")
        self.stdout.write(f"{quarter.label}: {len(reminded)} reminders sent.")
