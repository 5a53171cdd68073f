"""Form pages: a service's ValidationError goes on the form, next to the field it is about."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction

from perfmgmt import versions
from perfmgmt.once import is_repeat


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def save_form(request, form: forms.Form, save, *, success, record=None) -> bool:
    """A form page's POST: when the form is valid, run save() (a service call); a
    ValidationError from the service goes next to its field, and nothing is saved. True once
    saved, with the success message (a string, or a function that makes it from the
    form's cleaned data once it exists) queued for the next page.

    With record (the object an edit form changes), the save is refused if someone else
    saved the record since the form was opened (versions.py)."""
    versions.remember(form, record)
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        with transaction.atomic():
            if is_repeat(request, form):  # the button pressed twice: saved the first time
                return True
            versions.check_unchanged(form, record)
            save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success() if callable(success) else success)
    return True
