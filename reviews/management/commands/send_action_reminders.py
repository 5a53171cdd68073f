"""Email the owners of overdue Board actions. For a scheduler: run it weekly."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from reviews.board import services


class Command(BaseCommand):
    help = "Remind the owners of actions past their due date that are not complete."

    def handle(self, *args, **options):
        with transaction.atomic():
            reminded = services.remind_overdue_action_owners(today=timezone.localdate())
        for action in reminded:
            self.stdout.write(f"Reminded {action.owner}: {action.title}")
        self.stdout.write(f"{len(reminded)} overdue action reminders sent.")
