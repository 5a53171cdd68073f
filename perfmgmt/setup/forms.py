"""Set-up forms: a financial year, a quarter's deadlines and reopening, and the organisation."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.db.models import Q

from perfmgmt.form_fields import checkboxes, date_field, helper, long_text
from perfmgmt.models import Committee, Directorate, DmtGrouping, Quarter, Service, User
from perfmgmt.roles import Role


class FinancialYearForm(forms.Form):
    start_year = forms.IntegerField(
        label="Calendar year in which the financial year starts",
        help_text="A financial year runs from 1 April to 31 March. For 2012/13, enter 2012.",
        error_messages={"required": "Enter the year the financial year starts", "invalid": "Enter a year, like 2012"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("start_year", field_width=4), submit="Set up the year")


class DeadlinesForm(forms.Form):
    worry_list_deadline = date_field("Worry lists due", required=False)
    figures_deadline = date_field("Quarterly figures due", required=False)
    annex_notes_deadline = date_field("Annex notes due", required=False)
    action_updates_deadline = date_field("Action progress updates due", required=False)

    def __init__(self, *args, quarter: Quarter, **kwargs):
        kwargs.setdefault("initial", {name: getattr(quarter, name) for name in Quarter.DEADLINES})
        super().__init__(*args, **kwargs)
        self.helper = helper(*(Field.text(name, field_width=10) for name in Quarter.DEADLINES), submit="Save deadlines")


class ReopenForm(forms.Form):
    reason = long_text(
        "Why is the quarter being reopened?",
        help_text="For example, a figure needs correcting. The reason is kept in the quarter's history.",
        empty="Enter why the quarter is being reopened",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("reason", rows=3), submit="Reopen the quarter")


def _people_with(role: Role, *, keeping=()):
    """Active people with the role, and whoever the record names already (say, a head who
    has since left), so that saving the form never drops them unasked."""
    chosen = Q(is_active=True, groups__name=role.label) | Q(pk__in=[person.pk for person in keeping if person])
    return User.objects.filter(chosen).distinct().order_by("last_name", "first_name")


def _unique_name(what: str) -> dict:
    return {"name": {"unique": f"There is already a {what} with this name", "required": f"Enter the {what}'s name"}}


class DirectorateForm(forms.ModelForm):
    class Meta:
        model = Directorate
        fields = ["name", "strategic_director"]
        error_messages = _unique_name("directorate")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_director"].queryset = _people_with(
            Role.STRATEGIC_DIRECTOR, keeping=[self.instance.strategic_director]
        )
        self.fields["strategic_director"].empty_label = "Not recorded yet"
        self.helper = helper(Field.text("name"), Field.select("strategic_director"), submit="Save directorate")


class ServiceForm(forms.ModelForm):
    heads = checkboxes("Heads of service")

    class Meta:
        model = Service
        fields = ["name", "directorate", "heads", "description"]
        error_messages = _unique_name("service") | {"directorate": {"required": "Choose the service's directorate"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        heads = list(self.instance.heads.all()) if self.instance.pk else []
        self.fields["heads"].queryset = _people_with(Role.HEAD_OF_SERVICE, keeping=heads)
        self.fields["heads"].help_text = "People with the head of service role. Choose any number."
        self.fields["directorate"].empty_label = "Choose a directorate"
        self.helper = helper(
            Field.text("name"),
            Field.select("directorate"),
            Field.checkboxes("heads", legend_size=Size.SMALL, small=True),
            Field.textarea("description", rows=3),
            submit="Save service",
        )


class GroupingForm(forms.ModelForm):
    services = checkboxes("Services that meet the Board together")

    class Meta:
        model = DmtGrouping
        fields = ["name", "services"]
        error_messages = _unique_name("grouping")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = Service.objects.select_related("directorate").order_by("name")
        self.fields["services"].help_text = "A grouping can span directorates."
        self.helper = helper(
            Field.text("name"), Field.checkboxes("services", legend_size=Size.SMALL, small=True), submit="Save grouping"
        )


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "description"]
        error_messages = _unique_name("committee")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.text("name"), Field.text("description"), submit="Save committee")
