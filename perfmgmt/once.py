"""Forms that create things do so once: each such page carries a random key (the hidden
`once` field of form_fields.OnceForm), and the first submission with that key claims it
inside the transaction that saves. A second press of the button, or the page sent again,
finds the key claimed and goes where the first went, saving nothing more. A save that
fails rolls its claim back, so the corrected page can be sent again."""

from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from perfmgmt import versions
from perfmgmt.models import Submission

KEPT_FOR = timedelta(days=7)


def _claim(request, form) -> Submission | None:
    """The earlier submission with this form's key, or None when this is the first."""
    key = getattr(form, "once_key", None)
    if not key:
        return None
    submission, created = Submission.objects.get_or_create(key=key, defaults={"user": request.user})
    if created:
        # A page is not sent again after a week: its key can go.
        Submission.objects.filter(made_at__lt=timezone.now() - KEPT_FOR).delete()
        return None
    if submission.user_id != request.user.pk:
        raise PermissionDenied("This form was sent by someone else.")
    return submission


def submit_once(request, form, save: Callable[[], str], *, record=None) -> str:
    """Run save(), which returns the address to go to next, once per page; with record,
    only if nobody has saved the record since the form was opened (versions.py)."""
    with transaction.atomic():
        earlier = _claim(request, form)
        if earlier is not None:
            return earlier.result_url
        versions.check_unchanged(form, record)
        url = save()
        if getattr(form, "once_key", None):
            Submission.objects.filter(key=form.once_key).update(result_url=url)
        return url


def is_repeat(request, form) -> bool:
    """For save_form: call inside the transaction that saves."""
    return _claim(request, form) is not None
