"""Forms for committee reports (GOV.UK layout). They read and check input; the services
in report_services.py make the changes."""

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.conf import settings

from perfmgmt.form_fields import LONG_TEXT, OnceForm, date_field, helper, long_text, short_text
from perfmgmt.models import Committee, User
from reviews.models import CommitteeReport, ExemptParagraph, ReportTemplate, TemplateHeaderRow
from reviews.reports.permissions import AUTHOR_ROLES

DEFAULT_COMMITTEE = "Governance and Audit Committee"


def _committee_choice(form: forms.Form, *, keep_current: bool) -> Field:
    """The committees set up by the Strategy Unit, as a list to choose from (with the
    report's own, should it have been renamed since); typed in while none is set up."""
    names = list(Committee.objects.order_by("name").values_list("name", flat=True))
    if not names:
        form.fields["committee"].help_text = "The Strategy Unit can set up committees to choose from in set-up."
        return Field.text("committee")
    current = form.initial.get("committee")
    if keep_current and current and current not in names:
        names.append(current)
    form.fields["committee"] = forms.ChoiceField(
        label=form.fields["committee"].label,
        choices=[("", "Choose the committee")] + [(name, name) for name in names],
        error_messages={"required": "Choose the committee", "invalid_choice": "Choose one of the committees"},
    )
    return Field.select("committee")


def exempt_field(label: str, meaning: str, no: str) -> forms.TypedChoiceField:
    """Whether something is exempt, and under which paragraph of Schedule 12A."""
    return forms.TypedChoiceField(
        label=label,
        help_text=f"Under Part 1 of Schedule 12A to the Local Government Act 1972. {meaning}",
        choices=[("", no), *ExemptParagraph.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


# The details a template may print in its header rows, beyond those every report has.
OPTIONAL_DETAILS = {
    TemplateHeaderRow.Value.WARDS_AFFECTED: "wards_affected",
    TemplateHeaderRow.Value.KEY_DECISION: "key_decision",
    TemplateHeaderRow.Value.CONTACT_OFFICER: "contact_officer",
    TemplateHeaderRow.Value.PORTFOLIO: "portfolio",
    TemplateHeaderRow.Value.EXEMPT: "exempt_paragraph",
}


class ReportDetailsForm(forms.Form):
    committee = short_text("Decision maker (the committee)", max_length=200, empty="Enter the committee")
    meeting_date = date_field("Meeting date")
    subject = short_text("Subject", empty="Enter the subject of the report")
    report_by = short_text("Report by (the author's job title)", max_length=200, empty="Enter the author's job title")
    wards_affected = short_text("Wards affected", max_length=200, empty="Enter the wards affected, or N/A")
    key_decision = short_text("Key decision", max_length=200, empty="Say whether it is a key decision, or enter N/A")
    contact_officer = short_text(
        "Contact officer", max_length=300, empty="Enter the contact officer's name, job title and email"
    )
    portfolio = short_text("Cabinet member or portfolio", max_length=200, empty="Enter the cabinet member or portfolio")
    exempt_paragraph = exempt_field(
        "Is the whole report exempt from publication (Part II)?",
        "An exempt report is not published to the public; the committee takes it in private.",
        "No, it is open to the public",
    )
    recommendations_intro = short_text("Words before the recommendations", required=False, max_length=300)

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].help_text = "For example, 9 3 2012 or 2012-03-09"
        rows = {row.value: row for row in template.header_rows.all()}
        layout = [
            _committee_choice(self, keep_current=True),
            Field.text("meeting_date", field_width=Fixed.TEN),
            Field.text("subject"),
            Field.text("report_by"),
        ]
        for value, name in OPTIONAL_DETAILS.items():
            if value not in rows:
                del self.fields[name]
            elif name == "exempt_paragraph":
                layout.append(Field.radios(name, legend_size=Size.SMALL, small=True))
            else:
                self.fields[name].label = rows[value].label  # as the template prints it
                layout.append(Field.text(name, field_width=Fixed.TWENTY if name != "contact_officer" else None))
        self.helper = helper(*layout, Field.text("recommendations_intro"), submit="Save the details")


class ReportStartForm(forms.Form):
    # The header fields are the details form's; a new report also needs its author and its
    # template. The details only some templates print are given on the details page.
    committee = ReportDetailsForm.base_fields["committee"]
    meeting_date = ReportDetailsForm.base_fields["meeting_date"]
    subject = ReportDetailsForm.base_fields["subject"]
    report_by = ReportDetailsForm.base_fields["report_by"]
    author = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Author, who signs the report",
        error_messages={"required": "Choose the author"},
    )
    template = forms.ModelChoiceField(
        queryset=ReportTemplate.objects.none(),
        label="Report template",
        required=False,
        help_text="Leave it as it is to use the committee's own template.",
    )
    from_previous = forms.BooleanField(
        label="Start the narrative sections from this committee's previous report", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting_date"].help_text = "For example, 9 3 2012 or 2012-03-09"
        authors = [role.label for role in AUTHOR_ROLES]
        self.fields["author"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=authors).distinct().order_by("last_name", "first_name")
        )
        self.fields["author"].widget.attrs["class"] = "govuk-select"
        self.fields["author"].label_from_instance = lambda user: ", ".join(filter(None, [str(user), user.job_title]))
        self.fields["author"].empty_label = "Choose the author"
        self.fields["template"].queryset = ReportTemplate.objects.order_by("name")
        self.fields["template"].widget.attrs["class"] = "govuk-select"
        self.fields["template"].empty_label = "The committee's own template"
        self.helper = helper(
            _committee_choice(self, keep_current=False),
            Field.text("meeting_date", field_width=Fixed.TEN),
            Field.text("subject"),
            Field.text("report_by"),
            Field.select("author"),
            Field.select("template"),
            Field.checkbox("from_previous"),
            submit="Start the report",
        )


class ParagraphForm(OnceForm):
    heading = short_text("Heading", required=False, max_length=200)
    text = long_text("Paragraph", empty="Enter the paragraph's text")

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["heading"].help_text = "Optional. Printed in bold at the start of the paragraph."
        layout = [Field.text("heading"), Field.textarea("text", rows=8)]
        if sections is not None:  # a paragraph not placed: choose where it goes
            self.fields["section"] = forms.ChoiceField(
                label="Section",
                help_text="This paragraph has no place in the report's template. Choose the section it goes in.",
                choices=[("", "Choose the section")] + [(s.key, s.title) for s in sections],
                error_messages={"required": "Choose the section the paragraph goes in"},
            )
            layout.insert(0, Field.select("section"))
        self.helper = helper(*layout, "once", submit="Save the paragraph")


class BackgroundDocumentForm(OnceForm):
    title = short_text("Title of document", empty="Enter the document's title")
    location = short_text(
        "Where it can be inspected", max_length=200, empty="Enter where the document can be inspected"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("title"), Field.text("location"), "once", submit="Save the document")


class AppendixForm(forms.Form):
    exempt_paragraph = exempt_field(
        "Is this appendix exempt from publication?",
        "An exempt appendix is left out of the public report and pack; the report says that it exists and why.",
        "No, it can be published",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.radios("exempt_paragraph", legend_size=Size.MEDIUM, small=True), submit="Save")


class ClearanceForm(forms.Form):
    comments = long_text(
        "Comments",
        help_text="Printed in the report as you write them. Leave a blank line between paragraphs; each becomes "
        "a numbered paragraph.",
        empty="Enter your comments for the report",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("comments", rows=8), submit="Save and clear the report")


class ReasonForm(forms.Form):
    reason = long_text("Reason", empty="Give the reason")

    def __init__(self, *args, label: str, empty: str, submit: str, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].required = required
        self.fields["reason"].error_messages["required"] = empty
        self.fields["reason"].error_messages["max_length"] = f"Write {LONG_TEXT:,} characters or fewer"
        self.helper = helper(Field.textarea("reason", rows=4), submit=submit)


class AppendixAddForm(forms.Form):
    appendix = forms.ChoiceField(
        label="Which appendix?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an appendix", "invalid_choice": "Choose an appendix from the list"},
    )

    def __init__(self, *args, appendices: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appendix"].choices = [(f"{a.kind}:{a.session_id or ''}", a.title) for a in appendices]
        self.helper = helper(Field.radios("appendix", legend_size=Size.MEDIUM), submit="Add the appendix")

    def chosen(self) -> tuple[str, int | None]:
        kind, _, session = self.cleaned_data["appendix"].partition(":")
        return kind, int(session) if session else None


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What did the committee decide?",
        choices=CommitteeReport.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the committee decided"},
    )
    decided_on = date_field("Date of the decision")
    amendments = long_text("Amendments (if approved as amended)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.text("decided_on", field_width=Fixed.TEN),
            Field.textarea("amendments", rows=4),
            submit="Record the decision",
        )


class TemplateChoiceForm(forms.Form):
    template = forms.ModelChoiceField(
        queryset=ReportTemplate.objects.none(),
        label="Template",
        error_messages={"required": "Choose the template", "invalid_choice": "Choose one of the templates"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ReportTemplate.objects.order_by("name")
        self.fields["template"].widget.attrs["class"] = "govuk-select"
        self.fields["template"].empty_label = "Choose the template"
        self.fields["template"].help_text = (
            "Each paragraph moves to the section of the same name. Any with no such section are kept and listed "
            "as not placed, for you to give a section; nothing is lost."
        )
        self.helper = helper(Field.select("template"), submit="Move the report to this template")


class UploadForm(OnceForm):
    title = short_text("Title of the appendix", empty="Enter the appendix's title")
    document = forms.FileField(
        label="The document, as a PDF",
        error_messages={"required": "Choose the PDF to upload", "empty": "The file is empty"},
    )
    exempt_paragraph = AppendixForm.base_fields["exempt_paragraph"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].help_text = (
            f"At most {settings.APPENDIX_MAX_MEGABYTES} MB, without a password, scripts or attachments. Its pages join "
            "the committee pack after the report, numbered with it."
        )
        self.fields["document"].widget.attrs["accept"] = "application/pdf,.pdf"
        self.helper = helper(
            Field.text("title"),
            Field("document"),
            Field.radios("exempt_paragraph", legend_size=Size.SMALL, small=True),
            "once",
            submit="Upload the appendix",
        )
