"""Moving a record from one status to the next, for every app's workflow.

Each workflow model (Quarter, BusinessPlan, WorryList, CommitteeReport) declares which
status may follow which in its TRANSITIONS table; this is the one place that reads it.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from perfmgmt.history import save_with_history

REFUSED = "This is {status}, so that step is not possible now."


def move(obj, to, *, by, reason: str, refused: str = REFUSED, stamp: str | None = None):
    """Move obj to status `to` if its model's TRANSITIONS allow it, stamping `<stamp>_at`
    and `<stamp>_by` with now and who, and keep who and why in its history.

    A step the table does not allow is refused with `refused`, in which `{status}` is the
    status it is in and `{to}` the one asked for, both in lower case."""
    if to not in type(obj).TRANSITIONS[obj.status]:
        raise ValidationError(
            refused.format(status=obj.get_status_display().lower(), to=type(obj).Status(to).label.lower())
        )
    obj.status = to
    if stamp:
        setattr(obj, f"{stamp}_at", timezone.now())
        setattr(obj, f"{stamp}_by", by)
    save_with_history(obj, reason, by)
    return obj
