"""Forms for Board sessions, outcomes, actions, themes and user voice."""

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Size
from django import forms

from perfmgmt.form_fields import OnceForm, checkboxes, date_field, helper, long_text, short_text
from perfmgmt.models import (
    Directorate,
    DmtGrouping,
    Quarter,
    Service,
    User,
)
from perfmgmt.roles import Role
from reviews.board.permissions import action_owners
from reviews.models import Action, Outcome, Theme, UserVoice


class ScheduleForm(forms.Form):
    grouping = forms.ModelChoiceField(
        queryset=DmtGrouping.objects.order_by("name"),
        required=False,
        empty_label="The reflection session on the quarter's themes",
        label="Which session is it?",
    )
    date = date_field("Date")
    attendees = checkboxes("Strategic Directors attending")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = User.objects.filter(
            is_active=True, groups__name=Role.STRATEGIC_DIRECTOR.label
        ).order_by("last_name")
        self.fields["grouping"].widget.attrs["class"] = "govuk-select"
        self.helper = helper(
            Field.select("grouping"),
            Field.text("date", field_width=Fixed.TEN),
            Field.checkboxes("attendees", legend_size=Size.SMALL, small=True),
            submit="Schedule the session",
        )


class OutcomeForm(OnceForm):
    discussion = long_text("Summary of the discussion", empty="Summarise the discussion")
    result = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.Result.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )
    learning = long_text("Learning to spread", required=False)
    themes = checkboxes("Themes it raises", Theme.objects.order_by("name"))
    report_to_committee = forms.BooleanField(
        label="Report it to the committee",
        required=False,
        help_text="The committee report gives each worry the Board raises a paragraph of its own. The others are "
        "counted by grouping and listed in an appendix.",
    )
    action_title = short_text("Action agreed", required=False)
    action_owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label="Owner")
    action_due = date_field("Due date", required=False)
    action_programme = short_text("Existing programme or workstream that covers it", required=False, max_length=200)

    def __init__(self, *args, agreed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_owner"].queryset = action_owners()
        self.fields["action_owner"].widget.attrs["class"] = "govuk-select"
        self.fields["action_owner"].empty_label = "Choose the owner"
        self.helper = helper(
            Field.textarea("discussion", rows=5),
            Field.radios("result", legend_size=Size.SMALL),
            Field.textarea("learning", rows=3),
            Field.checkboxes("themes", legend_size=Size.SMALL, small=True),
            Field.checkbox("report_to_committee", small=True),
            Fieldset(
                Field.text("action_title"),
                Field.select("action_owner"),
                Field.text("action_due", field_width=Fixed.TEN),
                Field.text("action_programme"),
                legend="Add another agreed action (optional)" if agreed else "Add an agreed action (optional)",
                legend_size=Size.SMALL,
            ),
            "once",
            submit="Save the outcome",
        )

    def clean(self):
        cleaned = super().clean()
        action_details = ("action_owner", "action_due", "action_programme")
        if not cleaned.get("action_title") and any(cleaned.get(name) for name in action_details):
            self.add_error("action_title", "Enter the action, or clear its owner, due date and programme")
        if cleaned.get("action_title"):
            if not cleaned.get("action_owner"):
                self.add_error("action_owner", "Choose who owns the action")
            if not cleaned.get("action_due"):
                self.add_error("action_due", "Enter the due date")
        return cleaned


class ProgressForm(OnceForm):
    status = forms.ChoiceField(
        label="Progress",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the progress status"},
    )
    commentary = long_text(
        "What has happened since the last update?", empty="Say what has happened since the last update"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("status", legend_size=Size.SMALL),
            Field.textarea("commentary", rows=4),
            "once",
            submit="Save progress",
        )


class ActionFilter(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Action.Status.choices], required=False)
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="Anyone")
    theme = forms.ModelChoiceField(queryset=Theme.objects.order_by("name"), required=False, empty_label="Any theme")
    quarter = forms.ModelChoiceField(
        queryset=Quarter.objects.exclude(status=Quarter.Status.PLANNED).select_related("financial_year"),
        required=False,
        empty_label="Any quarter",
    )
    directorate = forms.ModelChoiceField(
        queryset=Directorate.objects.order_by("name"), required=False, empty_label="Any directorate"
    )
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def __init__(self, *args, owners, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        # Only the themes of actions the person may see: theme names are the Board's.
        self.fields["theme"].queryset = Theme.objects.filter(pk__in=actions.values("theme")).order_by("name")
        for name in ("status", "owner", "theme", "quarter", "directorate"):
            self.fields[name].widget.attrs["class"] = "govuk-select"


class ThemeForm(OnceForm):
    name = short_text("Theme", max_length=200, empty="Enter the theme")
    description = long_text("What the issue is", required=False)
    response = long_text("The Board's agreed response", required=False)
    status = forms.ChoiceField(label="Status", choices=Theme.Status.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("name"),
            Field.textarea("description", rows=3),
            Field.textarea("response", rows=3),
            Field.radios("status", legend_size=Size.SMALL),
            "once",
            submit="Save the theme",
        )


class UserVoiceForm(OnceForm):
    source = forms.ChoiceField(
        label="Where does the evidence come from?",
        choices=UserVoice.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the evidence comes from"},
    )
    title = short_text("Title", max_length=200)
    services = checkboxes("Services concerned", Service.objects.order_by("name"))
    summary = long_text("What service users said", empty="Summarise what service users said")
    key_figures = long_text("Key figures", required=False)
    changes = long_text("What changes as a result", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("source", legend_size=Size.SMALL),
            Field.text("title"),
            Field.checkboxes("services", legend_size=Size.SMALL, small=True),
            Field.textarea("summary", rows=4),
            Field.textarea("key_figures", rows=2),
            Field.textarea("changes", rows=3),
            "once",
            submit="Save",
        )


class ActionForm(OnceForm):
    title = short_text("Action", empty="Enter the action")
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), label="Owner", error_messages={"required": "Choose who owns the action"}
    )
    due = date_field("Due date")
    programme = short_text("Existing programme or workstream that covers it", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = action_owners()
        self.fields["owner"].widget.attrs["class"] = "govuk-select"
        self.helper = helper(
            Field.text("title"),
            Field.select("owner"),
            Field.text("due", field_width=Fixed.TEN),
            Field.text("programme"),
            "once",
            submit="Agree the action",
        )
