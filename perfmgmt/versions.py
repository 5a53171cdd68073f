"""No lost updates: an edit form remembers the values its record had, for the fields the
form edits, when it was opened (a fingerprint in the hidden `seen` field). Saving checks
that those values are still the same. If someone has changed them meanwhile, nothing is
saved and the person is told who changed the record and when; what they typed stays in
the form, which now remembers the newer values, so saving again replaces them on purpose.

Only the form's own fields count, so a change elsewhere (a paragraph moved, another
adviser's clearance) is no conflict. The check takes no lock of its own: the service
that saves takes its locks in its own order, and two saves of the same fields in the
same instant are what the version check on worries guards against (worrylists)."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

NOT_RECORD_FIELDS = {"seen", "once", "version"}


def _value(record, name: str) -> str:
    value = getattr(record, name)
    if hasattr(value, "all"):  # a many-to-many field: which records it links
        return repr(sorted(value.all().values_list("pk", flat=True)))
    return repr(getattr(value, "pk", value))


def fingerprint(form: forms.Form, record) -> str:
    names = sorted(name for name in form.fields if name not in NOT_RECORD_FIELDS and hasattr(record, name))
    text = "\n".join(f"{name}={_value(record, name)}" for name in names)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def remember(form: forms.Form, record) -> None:
    """Give the form the hidden field with its record's values as opened, before its
    submit button."""
    if record is None or record.pk is None or "seen" in form.fields:
        return
    form.fields["seen"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=fingerprint(form, record))
    helper = getattr(form, "helper", None)
    if helper is not None:
        helper.layout.fields.insert(len(helper.layout.fields) - 1, "seen")


def check_unchanged(form: forms.Form, record) -> None:
    """Before saving: refuse if the fields this form edits changed since it was opened."""
    seen = form.cleaned_data.pop("seen", None)
    if record is None or record.pk is None or not seen:  # a page from before fingerprints were kept
        return
    current = type(record).objects.filter(pk=record.pk).first()
    if current is None:
        raise ValidationError("This has been removed by someone else since you opened it, so it was not saved.")
    now = fingerprint(form, current)
    if seen == now:
        return
    form.data = form.data.copy()
    form.data["seen"] = now  # saving again now replaces their change with this one
    latest = current.history.order_by("-history_id").select_related("history_user").first()
    who = latest.history_user if latest and latest.history_user else "Someone else"
    when = f"{timezone.localtime(latest.history_date):%H:%M on %-d %B %Y}" if latest else "just now"
    raise ValidationError(
        f"{who} saved a change to this at {when}, while you were editing it, so your change has not been saved. "
        "What you typed is still here. To see their version, open the page again; to replace it with yours, "
        "save again."
    )
