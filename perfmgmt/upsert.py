"""Create a row or bring it up to date, saving only when something differs.

Imports and the demo data run again and again; saving unchanged rows would fill the
history with changes that are not changes.
"""

from django.db import models


def upsert[M: models.Model](model: type[M], lookup: dict, values: dict, *, reason: str, by=None) -> tuple[M, str]:
    """Returns the row and what happened: "created", "updated" or "unchanged"."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj, outcome = model(**lookup, **values), "created"
    elif all(getattr(obj, name) == value for name, value in values.items()):
        return obj, "unchanged"
    else:
        for name, value in values.items():
            setattr(obj, name, value)
        outcome = "updated"
    obj._change_reason = reason
    if by is not None:
        obj._history_user = by
    obj.save()
    return obj, outcome
