"""Rules about actions that pages, exports and reminders must agree on."""

from datetime import date

from reviews.models import Action


def action_overdue(action: Action, today: date) -> bool:
    """Past its due date (due today is not overdue) and not complete."""
    return action.due_date < today and action.status != Action.Status.COMPLETE
