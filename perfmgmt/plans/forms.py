"""Forms for business plans, measures and quarterly figures."""

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms

from perfmgmt.figures import Unit, figure_for_input, parse_figure
from perfmgmt.form_fields import OnceForm, helper, long_text, short_text
from perfmgmt.models import Directorate, Measure, MeasureFigure, Objective, Quarter, Service, User
from perfmgmt.permissions import services_visible_to
from perfmgmt.plans.services import MEASURE_FIELDS
from perfmgmt.rag import Polarity, Rag


def figure_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=30, help_text=help_text)


class StartPlanForm(forms.Form):
    start = forms.ChoiceField(
        label="How do you want to start?",
        widget=forms.RadioSelect,
        choices=[
            ("copy", "From last year's plan (objectives and measures, without targets or figures)"),
            ("empty", "With an empty plan"),
        ],
        error_messages={"required": "Choose how to start the plan"},
    )

    def __init__(self, *args, has_last_year: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_last_year:
            self.fields["start"].choices = [("empty", "With an empty plan")]
            self.fields["start"].initial = "empty"
        self.helper = helper(Field.radios("start", legend_size=Size.MEDIUM), submit="Start the plan")


class PurposeForm(forms.Form):
    purpose = long_text("Purpose", help_text="What the service is for and what it expects to achieve this year.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("purpose", rows=6), submit="Save purpose")


class ObjectiveForm(OnceForm):
    title = short_text("Objective")
    success = long_text("What success looks like")
    standards = long_text("Standards the service commits to", required=False)

    def __init__(self, *args, objective: Objective | None = None, **kwargs):
        if objective is not None:
            kwargs.setdefault(
                "initial", {"title": objective.title, "success": objective.success, "standards": objective.standards}
            )
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("title"),
            Field.textarea("success", rows=4),
            Field.textarea("standards", rows=4),
            "once",
            submit="Save objective",
        )


class MeasureForm(OnceForm):
    title = short_text("Measure")
    definition = long_text("Definition", required=False)
    objective = forms.ModelChoiceField(
        label="Objective it tracks", queryset=Objective.objects.none(), required=False, empty_label="None"
    )
    unit = forms.ChoiceField(label="Unit", choices=Unit.choices, widget=forms.RadioSelect)
    polarity = forms.ChoiceField(label="Which way is better?", choices=Polarity.choices, widget=forms.RadioSelect)
    q1_target = figure_field("Q1 target")
    q2_target = figure_field("Q2 target")
    q3_target = figure_field("Q3 target")
    q4_target = figure_field("Q4 target")
    year_end_target = figure_field("Year-end target")
    amber_tolerance = figure_field(
        "Amber tolerance", help_text="How far short of target still counts as amber, in the measure's unit."
    )
    data_source = short_text("Data source", required=False)
    owner = forms.ModelChoiceField(label="Owner", queryset=User.objects.none(), required=False, empty_label="None")

    FIGURES = ["q1_target", "q2_target", "q3_target", "q4_target", "year_end_target", "amber_tolerance"]

    def __init__(self, *args, plan, measure: Measure | None = None, owners, **kwargs):
        if measure is not None:
            targets = {figure.quarter.number: figure.target for figure in measure.figures.all()}
            initial = {
                "title": measure.title,
                "definition": measure.definition,
                "objective": measure.objective_id,
                "unit": measure.unit,
                "polarity": measure.polarity,
                "data_source": measure.data_source,
                "owner": measure.owner_id,
                "year_end_target": figure_for_input(measure.year_end_target, measure.unit),
                "amber_tolerance": figure_for_input(measure.amber_tolerance, measure.unit),
            }
            for number in (1, 2, 3, 4):
                initial[f"q{number}_target"] = figure_for_input(targets.get(number), measure.unit)
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["unit"].error_messages["required"] = "Choose the unit the measure is counted in"
        self.fields["polarity"].error_messages["required"] = "Choose whether higher or lower is better"
        self.fields["objective"].queryset = plan.objectives.all()
        self.fields["owner"].queryset = owners
        self.helper = helper(
            Field.text("title"),
            Field.textarea("definition", rows=3),
            Field.select("objective"),
            Field.radios("unit", legend_size=Size.SMALL, inline=False),
            Field.radios("polarity", legend_size=Size.SMALL),
            Fieldset(
                Field.text("q1_target", field_width=Fluid.ONE_QUARTER),
                Field.text("q2_target", field_width=Fluid.ONE_QUARTER),
                Field.text("q3_target", field_width=Fluid.ONE_QUARTER),
                Field.text("q4_target", field_width=Fluid.ONE_QUARTER),
                Field.text("year_end_target", field_width=Fluid.ONE_QUARTER),
                Field.text("amber_tolerance", field_width=Fluid.ONE_QUARTER),
                legend="Targets",
                legend_size=Size.SMALL,
            ),
            Field.text("data_source"),
            Field.select("owner"),
            "once",
            submit="Save measure",
        )

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        for name in self.FIGURES:
            if unit and name in cleaned:
                try:
                    cleaned[name] = parse_figure(cleaned[name], Unit.NUMBER if name == "amber_tolerance" else unit)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        tolerance = cleaned.get("amber_tolerance")
        if tolerance is not None and tolerance < 0:
            self.add_error("amber_tolerance", "Enter a tolerance of 0 or more")
        return cleaned

    def measure_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in MEASURE_FIELDS}

    def quarterly_targets(self) -> dict:
        return {number: self.cleaned_data[f"q{number}_target"] for number in (1, 2, 3, 4)}


class SendBackForm(forms.Form):
    reason = long_text("Why are you sending the plan back?", empty="Say why the plan is being sent back")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("reason", rows=5, label_size=Size.MEDIUM), submit="Send back")


class FigureForm(forms.Form):
    actual = figure_field("Actual")
    commentary = long_text(
        "Commentary", required=False, help_text="Required when the measure is red: why, and what is being done."
    )
    forecast = forms.ChoiceField(
        label="Forecast year-end status",
        choices=[("", "Not forecast yet"), *MeasureFigure.Forecast.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    correction_reason = long_text("Reason for the correction", required=False)

    def __init__(self, *args, measure: Measure, figure: MeasureFigure | None, correcting: bool, **kwargs):
        if figure is not None:
            kwargs.setdefault(
                "initial",
                {
                    "actual": figure_for_input(figure.actual, measure.unit),
                    "commentary": figure.commentary,
                    "forecast": figure.forecast,
                },
            )
        super().__init__(*args, **kwargs)
        self.measure = measure
        hints = {
            Unit.PERCENTAGE: "A percentage, like 45 or 45.5%",
            Unit.MONEY: "An amount in pounds, like £1,250",
            Unit.YES_NO: "Yes or no",
            Unit.RATIO: "A ratio, like 1.25",
        }
        self.fields["actual"].help_text = hints.get(measure.unit, "A number, like 17,000")
        fields = [
            Field.text("actual", field_width=Fluid.ONE_THIRD),
            Field.textarea("commentary", rows=5),
            Field.radios("forecast", legend_size=Size.SMALL),
        ]
        if correcting:
            self.fields["correction_reason"].help_text = "This quarter is closed: the reason is kept with the change."
            fields.append(Field.textarea("correction_reason", rows=3))
        else:
            del self.fields["correction_reason"]
        self.helper = helper(*fields, submit="Save figures")

    def clean_actual(self):
        return parse_figure(self.cleaned_data["actual"], self.measure.unit)


class ScorecardFilter(forms.Form):
    quarter = forms.ModelChoiceField(
        queryset=Quarter.objects.exclude(status=Quarter.Status.PLANNED).select_related("financial_year"),
        required=False,
        empty_label=None,
    )
    directorate = forms.ModelChoiceField(
        queryset=Directorate.objects.order_by("name"), required=False, empty_label="All directorates"
    )
    service = forms.ModelChoiceField(queryset=Service.objects.none(), required=False, empty_label="All services")
    rag = forms.ChoiceField(
        label="Status", choices=[("", "Any status")] + [(rag.value, rag.label) for rag in Rag], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services_visible_to(user).order_by("name")
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"
