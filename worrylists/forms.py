"""Forms for worry lists, one thing per page (GOV.UK layout). Forms check input; the
services in services.py make the changes."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from perfmgmt.form_fields import OnceForm, checkboxes, helper, long_text, short_text
from worrylists.models import Worry


class VersionedForm(forms.Form):
    """Carries the version of the worry the editor started from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        # A hidden field's error would show nowhere: say it where everyone sees it.
        if "version" in self.errors:
            del self.errors["version"]
            raise forms.ValidationError("This page is out of date. Reload it, then make your change again.")
        return super().clean()


class WorryAboutForm(VersionedForm, OnceForm):
    kind = forms.ChoiceField(
        label="What kind of worry is it?",
        choices=Worry.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of worry this is"},
    )
    title = short_text("Title", max_length=200, empty="Enter a title for the worry")

    def __init__(self, *args, new: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "title"
        ].help_text = "A few words the Board will recognise, like 'Tackling worklessness in younger people'."
        if new:
            self.fields["version"].required = False
        self.helper = helper(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.text("title"),
            "version",
            "once",
            submit="Save and continue",
        )


class WorryDetailsForm(VersionedForm):
    evidence = long_text("What is happening, and the evidence", empty="Say what is happening and give the evidence")
    impact = long_text("What is the impact?", required=False)
    tried = long_text("What has been tried already?", required=False)
    ask = long_text("What do you ask of the Strategic Directors Board?", empty="Say what you ask of the Board")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.textarea("evidence", rows=5),
            Field.textarea("impact", rows=3),
            Field.textarea("tried", rows=3),
            Field.textarea("ask", rows=3),
            "version",
            submit="Save and continue",
        )


class WorryLinksForm(VersionedForm):
    measures = checkboxes(
        "Measures from your business plan", invalid="Choose measures from this service's business plan"
    )
    indicators = checkboxes("Benchmark indicators", invalid="Choose benchmark indicators from the list")

    def __init__(self, *args, measures, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = measures
        self.fields["indicators"].queryset = indicators
        self.helper = helper(
            Field.checkboxes("measures", legend_size=Size.MEDIUM, small=True),
            Field.checkboxes("indicators", legend_size=Size.MEDIUM, small=True),
            "version",
            submit="Save and continue",
        )


class CarryForwardForm(forms.Form):
    worries = forms.ModelMultipleChoiceField(
        queryset=Worry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Which worries are still open?",
        error_messages={
            "required": "Choose at least one worry to carry forward",
            "invalid_choice": "Choose from last quarter's unresolved worries",
        },
    )

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worries"].queryset = offered
        self.helper = helper(Field.checkboxes("worries", legend_size=Size.MEDIUM), submit="Carry forward")


class ReturnForm(forms.Form):
    reason = long_text("Why are you returning the worry list?", empty="Say why the worry list is being returned")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("reason", rows=5, label_size=Size.MEDIUM), submit="Return for revision")
