"""perfmgmt/form_fields.py: the fields every app's forms are built from."""

import pytest
from django import forms
from django.template import Context, Template

from perfmgmt import email
from perfmgmt.form_fields import date_field, helper, short_text


class DueForm(forms.Form):
    due = date_field("Due date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms_gds.layout import Field, Fixed

        self.helper = helper(Field.text("due", field_width=Fixed.TEN), submit="Save")


def render(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_a_date_input_keeps_the_govuk_style_when_crispy_sets_its_width():
    html = render(DueForm())
    assert 'class="govuk-input govukdateinput govuk-input--width-10"' in html


def test_the_hint_and_the_error_give_the_same_example():
    form = DueForm({"due": "soon"})
    assert not form.is_valid()
    html = render(form)
    assert "For example, 27 3 2012" in html
    assert form.errors["due"] == ["Enter the due date as a date, for example 27 3 2012"]
    assert DueForm({"due": "27 3 2012"}).is_valid()


def test_a_form_button_ignores_a_second_press():
    html = render(DueForm())
    assert 'data-module="govuk-button"' in html and 'data-prevent-double-click="true"' in html


def test_every_submit_button_in_the_templates_ignores_a_second_press():
    import re
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    pressed_twice = [
        f"{path.relative_to(templates)}: {button}"
        for path in templates.rglob("*.html")
        for button in re.findall(r'<button type="submit"[^>]*class="govuk-button[^>]*>', path.read_text())
        if "data-prevent-double-click" not in button
    ]
    assert pressed_twice == []


def test_a_one_line_field_folds_a_line_break_sent_by_hand():
    field = short_text("Subject")
    assert (
        field.clean("Performance update\r\nBcc: someone@example.org") == "Performance update Bcc: someone@example.org"
    )


@pytest.mark.django_db
def test_a_line_break_in_a_subject_does_not_stop_the_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert email.send_after_commit("Report\nfor clearance", "Please clear it.", ["legal@example.org"])
    assert [message.subject for message in mailoutbox] == ["Report for clearance"]
