"""Report templates: how a council prints its quarterly report. The header rows, the
sections in order and who writes each, the numbering, and the fixed wording are data the
Strategy Unit edits in the browser, so that each council keeps its own report.

A draft follows its template as the template changes; a published version never does,
because its files are stored as they were published."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from perfmgmt.models import Committee


class ReportTemplate(models.Model):
    class Numbering(models.TextChoices):
        PARAGRAPHS = "paragraphs", "Sections and paragraphs (5. and 5.2)"
        SECTIONS = "sections", "Sections only (5.)"
        NONE = "none", "Nothing numbered"

    class ListStyle(models.TextChoices):
        # The value is the style itself: what the first recommendation is numbered.
        NUMBER_BRACKET = "1)", "1), 2), 3)"
        ROMAN_BRACKETS = "(i)", "(i), (ii), (iii)"
        LETTER_BRACKETS = "(a)", "(a), (b), (c)"
        LETTER_STOP = "a.", "a., b., c."

    class AppendixStyle(models.TextChoices):
        LETTERS = "letters", "A, B, C"
        NUMBERS = "numbers", "1, 2, 3"

    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True, help_text="What the template is for.")
    numbering = models.CharField(max_length=10, choices=Numbering.choices, default=Numbering.PARAGRAPHS)
    recommendation_style = models.CharField(max_length=4, choices=ListStyle.choices, default=ListStyle.NUMBER_BRACKET)
    recommendations_intro = models.CharField(
        "words before the recommendations",
        max_length=300,
        blank=True,
        help_text="For example: RECOMMENDED that the {committee}: ({committee} is replaced by the committee's name)",
    )
    appendix_style = models.CharField(
        "appendices numbered", max_length=8, choices=AppendixStyle.choices, default=AppendixStyle.LETTERS
    )
    scorecard_appendix = models.BooleanField(
        "the quarter's scorecard is an appendix",
        default=False,
        help_text="A new report is given the scorecard of every measure as an appendix.",
    )
    signature_label = models.CharField("signature line", max_length=100, default="Signed by")
    background_heading = models.CharField(
        "background papers heading",
        max_length=300,
        default="Background list of documents: Section 100D of the Local Government Act 1972",
    )
    background_intro = models.TextField(
        "background papers wording",
        blank=True,
        default="The following documents disclose facts or matters, which have been relied upon to a material "
        "extent by the author in preparing this report:",
    )
    decision_heading = models.CharField(max_length=100, blank=True, default="Decision")
    decision_wording = models.CharField(
        max_length=500,
        blank=True,
        default="The recommendation(s) set out above were {options} by {committee} on {meeting_date}.",
        help_text="{options}, {committee} and {meeting_date} are filled in. Leave it empty to print no decision block.",
    )
    decision_options = models.CharField(
        max_length=300, blank=True, default="approved/ approved as amended/ deferred/ rejected"
    )
    # Empty for the template the product ships with.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(Lower("name"), name="report_template_names_are_unique")]

    def __str__(self):
        return self.name


class TemplateHeaderRow(models.Model):
    """One row of the table at the top of the report: a label and what fills it."""

    class Value(models.TextChoices):
        TEXT = "text", "Free text"
        COMMITTEE = "committee", "Committee or decision maker"
        COMMITTEE_AND_DATE = "committee_and_date", "Committee and meeting date"
        MEETING_DATE = "meeting_date", "Meeting date"
        SUBJECT = "subject", "Subject"
        REPORT_BY = "report_by", "Report by"
        CONTACT_OFFICER = "contact_officer", "Contact officer"
        PORTFOLIO = "portfolio", "Cabinet member or portfolio"
        WARDS_AFFECTED = "wards_affected", "Wards affected"
        KEY_DECISION = "key_decision", "Key decision"
        EXEMPT = "exempt", "Exempt or not"

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="header_rows")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(max_length=200, help_text="As printed, for example: Key decision (over £250k)")
    value = models.CharField("filled with", max_length=20, choices=Value.choices)
    text = models.CharField(max_length=300, blank=True, help_text="Printed as it is, for a free-text row.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class TemplateSection(models.Model):
    """A section of the report, in order: its title, who writes it, and the block of the
    quarter's data that fills it, if any."""

    class Writer(models.TextChoices):
        STRATEGY_UNIT = "strategy_unit", "The Strategy Unit"
        LEGAL = "legal", "The legal adviser"
        FINANCE = "finance", "The finance adviser"
        EQUALITY = "equality", "The equality adviser"
        RISK = "risk", "The risk adviser"

    class Block(models.TextChoices):
        NONE = "", "Nothing: written by hand"
        RECOMMENDATIONS = "recommendations", "The recommendations (a numbered list)"
        GROUPINGS = "groupings", "Which groupings have reported"
        BOARD_ISSUES = "board_issues", "The Board's issues: specific, then thematic"
        ACTION_PLAN = "action_plan", "The action plan and its state: overdue, at risk, complete"
        USER_VOICE = "user_voice", "The voice of the service user"
        SUMMARY_COUNTS = "summary_counts", "Summary counts of measures by status, with a chart"
        EXCEPTIONS = "exceptions", "Exceptions: every red and amber measure"
        KPI_TABLE = "kpi_table", "A table of measures"
        CHANGES = "changes", "What changed since last quarter: worries and measures"

    class KpiColumn(models.TextChoices):
        TARGET = "target", "Target"
        ACTUAL = "actual", "Actual"
        STATUS = "status", "Status now"
        FORECAST = "forecast", "Forecast year-end"
        SINCE_LAST_QUARTER = "since_last_quarter", "Since last quarter"
        SINCE_LAST_YEAR = "since_last_year", "Since last year"
        COMMENTARY = "commentary", "Commentary"
        CORRECTIVE_ACTION = "corrective_action", "Corrective action"

    class KpiStatus(models.TextChoices):
        ANY = "", "Any status"
        RED = "red", "Red only"
        RED_AMBER = "red_amber", "Red and amber"

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    # What the draft's paragraphs are filed under: kept when the section is renamed.
    key = models.SlugField(max_length=60, editable=False)
    title = models.CharField(max_length=200)
    compulsory = models.BooleanField(
        default=False, help_text="A report cannot go for clearance until this section has a paragraph."
    )
    default_text = models.TextField(
        blank=True, help_text="The paragraphs a new report starts with, a blank line between paragraphs."
    )
    writer = models.CharField("written by", max_length=20, choices=Writer.choices, default=Writer.STRATEGY_UNIT)
    must_clear = models.BooleanField(
        "that adviser must clear the report", default=False, help_text="Only for a section an adviser writes."
    )
    block = models.CharField("filled from the quarter's data with", max_length=20, choices=Block.choices, blank=True)
    # A table of measures: which ones, and which columns.
    kpi_directorate = models.ForeignKey(
        "perfmgmt.Directorate", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kpi_service = models.ForeignKey(
        "perfmgmt.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kpi_status = models.CharField("measures with status", max_length=10, choices=KpiStatus.choices, blank=True)
    kpi_columns = models.CharField(max_length=300, blank=True, help_text="Column names, comma-separated.")
    # A named set of measures, by title, so that it holds from one year's plans to the next.
    kpi_titles = models.TextField("measures by title", blank=True, help_text="One title a line.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="section_keys_are_unique_in_a_template")
        ]

    def __str__(self):
        return self.title

    @property
    def columns(self) -> list[str]:
        return [name for name in self.kpi_columns.split(",") if name in self.KpiColumn.values]

    @property
    def titles(self) -> list[str]:
        return [line.strip() for line in self.kpi_titles.splitlines() if line.strip()]

    @property
    def is_list(self) -> bool:
        return self.block == self.Block.RECOMMENDATIONS

    @property
    def by_adviser(self) -> bool:
        return self.writer != self.Writer.STRATEGY_UNIT


class DefaultTemplate(models.Model):
    """The template a committee's reports start from."""

    committee = models.OneToOneField(Committee, on_delete=models.CASCADE, related_name="default_template")
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="default_for")

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.committee}: {self.template}"
