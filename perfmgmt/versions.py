"""No lost updates: an edit form remembers which version of its record it was opened on
(the record's latest history entry, in the hidden `seen` field), and saving checks, with
the record locked, that nobody has saved it since. If someone has, nothing is saved and
the person is told who changed it and when; what they typed stays in the form, which now
remembers the newer version, so saving again deliberately replaces it."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


def version_of(record) -> str:
    latest = record.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest or "")


def remember(form: forms.Form, record) -> None:
    """Give the form the hidden field with the version it is opened on, before its submit
    button."""
    if record is None or record.pk is None or "seen" in form.fields:
        return
    form.fields["seen"] = forms.CharField(widget=forms.HiddenInput, required=False, initial=version_of(record))
    helper = getattr(form, "helper", None)
    if helper is not None:
        helper.layout.fields.insert(len(helper.layout.fields) - 1, "seen")


def check_unchanged(form: forms.Form, record) -> None:
    """Inside the saving transaction: refuse if the record changed since the form opened."""
    seen = form.cleaned_data.pop("seen", None)
    if record is None or record.pk is None or not seen:  # a page from before versions were kept
        return
    type(record).objects.select_for_update().filter(pk=record.pk).first()  # wait for any save under way
    current = version_of(record)
    if seen == current:
        return
    form.data = form.data.copy()
    form.data["seen"] = current  # saving again now replaces their change with this one
    latest = record.history.order_by("-history_id").select_related("history_user").first()
    who = latest.history_user if latest and latest.history_user else "Someone else"
    when = f"{timezone.localtime(latest.history_date):%H:%M on %-d %B %Y}" if latest else "just now"
    raise ValidationError(
        f"{who} saved a change to this at {when}, while you were editing it, so your change has not been saved. "
        "What you typed is still here. To see their version, open the page again; to replace it with yours, "
        "save again."
    )
