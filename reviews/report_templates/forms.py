"""Forms for report templates (GOV.UK layout). They read and check input; the services
make the changes."""

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from perfmgmt.form_fields import OnceForm, checkboxes, helper, short_text
from perfmgmt.models import Committee, Directorate, Service
from reviews.models import ReportTemplate, TemplateHeaderRow, TemplateSection

PLACEHOLDER_HINT = "{committee}, {meeting_date} and {quarter} are filled in for each report."


def _choice(label: str, choices, *, empty: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=required, error_messages={"required": empty})


def _text_area(label: str, *, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=5000, widget=forms.Textarea, help_text=help_text)


class CopyForm(OnceForm):
    name = short_text("Name of the new template", max_length=200, empty="Enter a name for the new template")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("name"), "once", submit="Copy the template")


class SettingsForm(forms.Form):
    name = short_text("Name", max_length=200, empty="Enter the template's name")
    description = short_text("What it is for", required=False)
    numbering = _choice(
        "Numbering", ReportTemplate.Numbering.choices, empty="Choose how sections and paragraphs are numbered"
    )
    recommendation_style = _choice(
        "Recommendations numbered", ReportTemplate.ListStyle.choices, empty="Choose how recommendations are numbered"
    )
    recommendations_intro = short_text("Words before the recommendations", required=False)
    appendix_style = _choice(
        "Appendices numbered", ReportTemplate.AppendixStyle.choices, empty="Choose how appendices are numbered"
    )
    scorecard_appendix = forms.BooleanField(
        label="Give each new report the quarter's scorecard as an appendix", required=False
    )
    signature_label = short_text(
        "Signature line", max_length=100, empty="Enter the words before the author's name, such as Signed by"
    )
    background_heading = short_text("Background papers heading", empty="Enter the heading of the background papers")
    background_intro = _text_area("Background papers wording")
    decision_heading = short_text("Decision block heading", required=False, max_length=100)
    decision_wording = short_text("Decision block wording", required=False, max_length=500)
    decision_options = short_text("Decision options", required=False)
    committees = checkboxes(
        "Committees whose reports start from this template", invalid="Choose committees from the list"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("numbering", "recommendation_style", "appendix_style"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)
        self.fields[
            "recommendations_intro"
        ].help_text = f"For example: RECOMMENDED that the {{committee}}: . {PLACEHOLDER_HINT}"
        self.fields["decision_wording"].help_text = (
            "{options} is filled with the options below. Leave it empty for no decision block. " + PLACEHOLDER_HINT
        )
        self.fields["decision_options"].help_text = "For example: approved/ approved as amended/ deferred/ rejected"
        self.fields["committees"].queryset = Committee.objects.order_by("name")
        self.fields[
            "committees"
        ].help_text = "A committee has one template; choosing it here moves it from its old one."
        self.helper = helper(
            Field.text("name"),
            Field.text("description"),
            Field.radios("numbering", legend_size=Size.SMALL, small=True),
            Field.radios("recommendation_style", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("recommendations_intro"),
            Field.radios("appendix_style", legend_size=Size.SMALL, small=True, inline=True),
            Field.checkbox("scorecard_appendix", small=True),
            Field.text("signature_label", field_width=Fixed.TWENTY),
            Field.text("background_heading"),
            Field.textarea("background_intro", rows=3),
            Field.text("decision_heading", field_width=Fixed.TWENTY),
            Field.text("decision_wording"),
            Field.text("decision_options"),
            Field.checkboxes("committees", legend_size=Size.SMALL, small=True),
            submit="Save the settings",
        )


class HeaderRowForm(OnceForm):
    label = short_text("Label", max_length=200, empty="Enter the row's label, as it is printed")
    value = _choice("Filled with", TemplateHeaderRow.Value.choices, empty="Choose what fills the row")
    text = short_text("Text, for a free-text row", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].help_text = "For example: Key decision (over £250k)"
        self.fields["value"].choices = [("", "Choose what fills the row"), *TemplateHeaderRow.Value.choices]
        self.helper = helper(
            Field.text("label"), Field.select("value"), Field.text("text"), "once", submit="Save the row"
        )


class SectionForm(OnceForm):
    title = short_text("Title", max_length=200, empty="Enter the section's title")
    compulsory = forms.BooleanField(
        label="Compulsory: the report cannot go for clearance until this section has a paragraph", required=False
    )
    writer = _choice("Written by", TemplateSection.Writer.choices, empty="Choose who writes the section")
    must_clear = forms.BooleanField(
        label="That adviser must clear the report (only for a section an adviser writes)", required=False
    )
    block = _choice("Filled from the quarter's data with", TemplateSection.Block.choices, empty="", required=False)
    default_text = _text_area(
        "Default text",
        help_text="The paragraphs a new report starts with. Leave a blank line between paragraphs. " + PLACEHOLDER_HINT,
    )
    kpi_directorate = forms.ModelChoiceField(
        queryset=Directorate.objects.none(), required=False, label="Measures of the directorate"
    )
    kpi_service = forms.ModelChoiceField(
        queryset=Service.objects.none(), required=False, label="Measures of the service"
    )
    kpi_status = _choice("Measures with status", TemplateSection.KpiStatus.choices, empty="", required=False)
    kpi_titles = _text_area(
        "Or a named set: these measures only, by title",
        help_text="One title a line, as the scorecard gives it, in the order the table shows them.",
    )
    kpi_columns = forms.MultipleChoiceField(
        label="Columns",
        choices=TemplateSection.KpiColumn.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Measure and service are always shown first. None chosen: target, actual, status, since last "
        "quarter and forecast.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["writer"].widget = forms.RadioSelect(choices=self.fields["writer"].choices)
        self.fields["kpi_directorate"].queryset = Directorate.objects.order_by("name")
        self.fields["kpi_directorate"].empty_label = "Every directorate"
        self.fields["kpi_service"].queryset = Service.objects.order_by("name")
        self.fields["kpi_service"].empty_label = "Every service"
        for name in ("kpi_directorate", "kpi_service"):
            self.fields[name].widget.attrs["class"] = "govuk-select"
        self.helper = helper(
            Field.text("title"),
            Field.checkbox("compulsory", small=True),
            Field.radios("writer", legend_size=Size.SMALL, small=True),
            Field.checkbox("must_clear", small=True),
            Field.select("block"),
            Field.textarea("default_text", rows=6),
            Fieldset(
                Field.select("kpi_directorate"),
                Field.select("kpi_service"),
                Field.select("kpi_status"),
                Field.textarea("kpi_titles", rows=4),
                Field.checkboxes("kpi_columns", legend_size=Size.SMALL, small=True),
                legend="For a table of measures only",
                legend_size=Size.MEDIUM,
            ),
            "once",
            submit="Save the section",
        )

    def clean_kpi_columns(self):
        return ",".join(self.cleaned_data["kpi_columns"])
