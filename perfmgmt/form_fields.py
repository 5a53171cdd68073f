"""Form fields and layout used by every app's forms: GOV.UK-styled text and date
fields with their error messages, and the crispy-forms helper with one submit button."""

import uuid

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout, Size, Submit
from django import forms


class GovukDateInput(forms.DateInput):
    """A date typed into one box. crispy-forms-gds styles text inputs but not date inputs,
    and a width it is given replaces the widget's own class; this one always keeps the
    GOV.UK input style."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        classes = context["widget"]["attrs"].get("class", "").split()
        context["widget"]["attrs"]["class"] = " ".join(["govuk-input", *(c for c in classes if c != "govuk-input")])
        return context


DATE_INPUT = GovukDateInput(format="%-d %-m %Y")
DATE_EXAMPLE = "27 3 2012"


DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        help_text=f"For example, {DATE_EXAMPLE}",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a date, for example {DATE_EXAMPLE}",
        },
    )


class OnceForm(forms.Form):
    """A form that creates something: its page carries a random key (a hidden field its
    helper lays out as "once") so that it creates it once (perfmgmt/once.py). The key is
    kept as once_key, out of the cleaned data that the services are given."""

    once = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def clean(self):
        cleaned = super().clean()
        self.once_key = cleaned.pop("once", None)
        return cleaned


LONG_TEXT = 5000


def long_text(label: str, *, required: bool = True, help_text: str = "", empty: str = "") -> forms.CharField:
    field = forms.CharField(
        label=label, required=required, max_length=LONG_TEXT, help_text=help_text, widget=forms.Textarea
    )
    field.error_messages["required"] = empty or f"Enter {label.lower()}"
    field.error_messages["max_length"] = f"{label} must be {LONG_TEXT:,} characters or fewer"
    return field


class OneLineField(forms.CharField):
    """Text typed into one line: a line break sent by hand (the box cannot make one) is
    folded into a space, so a title prints, and mails, as one line."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


def short_text(label: str, *, required: bool = True, max_length: int = 300, empty: str = "") -> forms.CharField:
    field = OneLineField(label=label, required=required, max_length=max_length)
    field.error_messages["required"] = empty or f"Enter {label.lower()}"
    field.error_messages["max_length"] = f"{label} must be {max_length} characters or fewer"
    return field


def checkboxes(label: str, queryset=None, *, invalid: str = "") -> forms.ModelMultipleChoiceField:
    """Choose any of a list, as GOV.UK checkboxes. Forms whose choices depend on the
    record (this grouping's measures, say) leave out queryset and set it in __init__."""
    field = forms.ModelMultipleChoiceField(
        queryset=queryset, required=False, widget=forms.CheckboxSelectMultiple, label=label
    )
    if invalid:
        field.error_messages["invalid_choice"] = invalid
    return field


def helper(*fields, submit: str) -> FormHelper:
    form_helper = FormHelper()
    form_helper.form_tag = False  # the template writes the <form> and its CSRF token
    form_helper.disable_csrf = True
    form_helper.label_size = Size.SMALL
    # GOV.UK Frontend's button script ignores a second press while the first is sent.
    button = Submit("submit", submit, data_module="govuk-button", data_prevent_double_click="true")
    form_helper.layout = Layout(*fields, button)
    return form_helper
