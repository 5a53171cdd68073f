"""Saving audited rows with who and why, for services in every app."""


def save_with_history(obj, reason: str, by) -> None:
    """Save with the acting person and the reason in django-simple-history's record,
    also when no request is around (commands, the scheduler)."""
    obj._change_reason = reason
    obj._history_user = by
    obj.save()
