"""Forms for annexes: their contents and contributors' notes."""

from crispy_forms_gds.layout import Field, Size
from django import forms

from perfmgmt.form_fields import OnceForm, checkboxes, helper, long_text, short_text
from perfmgmt.models import Service
from reviews.models import AnnexNote


class AnnexContentsForm(forms.Form):
    indicators = checkboxes("Benchmark indicators")
    measures = checkboxes(
        "Measures from the services' business plans", invalid="Choose measures of this grouping's services"
    )

    def __init__(self, *args, indicators, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicators
        self.fields["measures"].queryset = measures
        self.helper = helper(
            Field.checkboxes("indicators", legend_size=Size.SMALL, small=True),
            Field.checkboxes("measures", legend_size=Size.SMALL, small=True),
            submit="Save the annex contents",
        )


class NoteForm(OnceForm):
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(), label="Service concerned", error_messages={"required": "Choose the service"}
    )
    concern = long_text("Area of concern", empty="Describe the concern")
    rating = forms.ChoiceField(
        label="How serious is it?",
        choices=AnnexNote.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how serious the concern is"},
    )
    source_reference = short_text("Source reference", required=False, max_length=200)

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].widget.attrs["class"] = "govuk-select"
        self.helper = helper(
            Field.select("service"),
            Field.textarea("concern", rows=5),
            Field.radios("rating", legend_size=Size.SMALL),
            Field.text("source_reference"),
            "once",
            submit="Save the note",
        )
