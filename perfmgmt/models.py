"""The shared core: people, the council's organisation and its reporting periods.

Every domain model keeps a history (django-simple-history) so that the council can see
who changed what and when.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from perfmgmt import quarters
from perfmgmt.figures import Unit
from perfmgmt.rag import Polarity, Rag
from perfmgmt.roles import ContributorArea, Role


class UserHistory(HistoricalRecords):
    """A user's history without a row for every sign-in (Django saves last_login alone)."""

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who signs in. What they may do comes from their role groups; which
    services they may see comes from the organisation (head of a service, director of a
    directorate)."""

    job_title = models.CharField(max_length=200, blank=True)
    contributor_area = models.CharField(
        max_length=30,
        choices=ContributorArea.choices,
        blank=True,
        help_text="For contributors only: the area whose annex notes they write.",
    )

    # Who had which role, and when; never password hashes, nor a row per sign-in.
    history = UserHistory(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[Role]:
        """The user's roles, read once per request from their groups. A superuser (the
        first account, made with createsuperuser) is an administrator."""
        cached = getattr(self, "_roles", None)
        if cached is None:
            names = {group.name for group in self.groups.all()}
            cached = frozenset(role for role in Role if role.label in names)
            if self.is_superuser:
                cached |= {Role.ADMINISTRATOR}
            self._roles = cached
        return cached

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and bool(self.roles.intersection(roles))


class Directorate(models.Model):
    name = models.CharField(max_length=200, unique=True)
    strategic_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directorates",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(models.Model):
    name = models.CharField(max_length=200, unique=True)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="services")
    heads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="headed_services",
        verbose_name="heads of service",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords(m2m_fields=[heads])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DmtGrouping(models.Model):
    """A Directorate Management Team grouping: the set of services that meet the
    Strategic Directors Board together. It can span directorates."""

    name = models.CharField(max_length=200, unique=True)
    services = models.ManyToManyField(Service, blank=True, related_name="groupings")

    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["name"]
        verbose_name = "DMT grouping"

    def __str__(self):
        return self.name


class Committee(models.Model):
    """A committee or other decision maker that receives the quarterly performance report."""

    name = models.CharField(max_length=200, unique=True)
    description = models.CharField(
        max_length=300, blank=True, help_text="For example: meets quarterly; chaired by the Leader."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class FinancialYear(models.Model):
    start_year = models.PositiveSmallIntegerField(
        unique=True, help_text="The calendar year in which the financial year starts on 1 April."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return quarters.financial_year_label(self.start_year)

    @property
    def start(self) -> date:
        return quarters.financial_year_dates(self.start_year)[0]

    @property
    def end(self) -> date:
        return quarters.financial_year_dates(self.start_year)[1]


class Quarter(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    # Which status may follow which. Each transition has one service in services.py.
    TRANSITIONS = {
        Status.PLANNED: {Status.OPEN},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: {Status.OPEN},
    }

    financial_year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="quarters")
    number = models.PositiveSmallIntegerField(choices=[(n, f"Q{n}") for n in (1, 2, 3, 4)])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    worry_list_deadline = models.DateField(
        null=True, blank=True, help_text="The date by which heads of service submit their worry lists."
    )
    figures_deadline = models.DateField(
        null=True, blank=True, help_text="The date by which services enter the quarter's figures."
    )
    annex_notes_deadline = models.DateField(
        null=True, blank=True, help_text="The date by which contributors write their notes for the annexes."
    )
    action_updates_deadline = models.DateField(
        null=True, blank=True, help_text="The date by which action owners record their progress."
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year__start_year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["financial_year", "number"], name="one_quarter_per_number_per_year"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=4), name="quarter_number_1_to_4"),
        ]

    def __str__(self):
        return self.label

    @property
    def ref(self) -> quarters.QuarterRef:
        return quarters.QuarterRef(self.financial_year.start_year, self.number)

    @property
    def label(self) -> str:
        return self.ref.label

    @property
    def start(self) -> date:
        return self.ref.start

    @property
    def end(self) -> date:
        return self.ref.end

    DEADLINES = ("worry_list_deadline", "figures_deadline", "annex_notes_deadline", "action_updates_deadline")

    def clean(self):
        super().clean()
        if not self.financial_year_id:
            return
        starts = f"{self.start:%-d %B %Y}"
        early = {
            name: f"The deadline must be on or after the day the quarter starts ({starts})."
            for name in self.DEADLINES
            if getattr(self, name) and getattr(self, name) < self.start
        }
        if early:
            raise ValidationError(early)


class BusinessPlan(models.Model):
    """A service's business plan for a financial year: the foundation statement of what it
    expects to achieve and how it will track progress. The Strategic Director agrees it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for agreement"
        AGREED = "agreed", "Agreed"
        RETURNED = "returned", "Sent back"

    # Which status may follow which. Each transition has one service in services.py.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.AGREED, Status.RETURNED},
        Status.AGREED: {Status.DRAFT},  # reopened for a change, which goes round the loop again
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="plans")
    financial_year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="plans")
    purpose = models.TextField(blank=True, help_text="What the service is for and what it expects to achieve.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    return_reason = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year__start_year", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "financial_year"], name="one_plan_per_service_per_year")
        ]

    def __str__(self):
        return f"{self.service} business plan {self.financial_year}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class Objective(models.Model):
    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(max_length=300)
    success = models.TextField("what success looks like")
    standards = models.TextField("standards the service commits to", blank=True)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Measure(models.Model):
    """How a service will know: a measure with its targets, tracked every quarter."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="measures")
    objective = models.ForeignKey(Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures")
    title = models.CharField(max_length=300)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    polarity = models.CharField(max_length=6, choices=Polarity.choices)
    year_end_target = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    amber_tolerance = models.DecimalField(
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="How far short of target still counts as amber, in the measure's unit.",
    )
    data_source = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="measures_owned"
    )
    # The same measure in last year's plan, so that trends run across years.
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to", editable=False
    )
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class MeasureFigure(models.Model):
    """A measure's target and actual for one quarter, with the owner's commentary and
    forecast. Its RAG status is computed, never stored."""

    class Forecast(models.TextChoices):
        GREEN = Rag.GREEN.value, "Green: on track to meet the year-end target"
        AMBER = Rag.AMBER.value, "Amber: likely to miss by no more than the tolerance"
        RED = Rag.RED.value, "Red: likely to miss the year-end target"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="figures")
    target = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    actual = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    commentary = models.TextField(blank=True)
    corrective_action = models.TextField(
        blank=True, help_text="For a measure off target: what is being done to bring it back, and by when."
    )
    forecast = models.CharField("forecast year-end status", max_length=5, choices=Forecast.choices, blank=True)
    entered_at = models.DateTimeField(null=True, blank=True, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    correction_reason = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["quarter__financial_year__start_year", "quarter__number"]
        constraints = [models.UniqueConstraint(fields=["measure", "quarter"], name="one_figure_per_measure_quarter")]

    def __str__(self):
        return f"{self.measure} {self.quarter}"


class BenchmarkIndicator(models.Model):
    """A comparative indicator the Strategy Unit puts in annexes, such as one from the
    CIPFA value-for-money toolkit or LG Inform."""

    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    unit = models.CharField(max_length=12, choices=Unit.choices)
    polarity = models.CharField(max_length=6, choices=Polarity.choices)
    source = models.CharField(max_length=200, blank=True, help_text="For example: CIPFA value for money toolkit.")
    comparator_group = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example: CIPFA nearest neighbours, or all English single-tier authorities.",
    )
    services = models.ManyToManyField(Service, blank=True, related_name="benchmark_indicators")

    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.title}"


class BenchmarkValue(models.Model):
    indicator = models.ForeignKey(BenchmarkIndicator, on_delete=models.CASCADE, related_name="values")
    financial_year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="benchmark_values")
    value = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True, help_text="1 is best.")
    rank_out_of = models.PositiveIntegerField(null=True, blank=True)
    comparator_average = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)
    quartile = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 is the best quarter.")
    england_average = models.DecimalField(max_digits=16, decimal_places=4, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["financial_year__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "financial_year"], name="one_benchmark_value_per_year"),
            models.CheckConstraint(
                condition=models.Q(rank__isnull=True)
                | models.Q(rank_out_of__isnull=True)
                | models.Q(rank__lte=models.F("rank_out_of")),
                name="benchmark_rank_within_out_of",
            ),
            models.CheckConstraint(
                condition=models.Q(quartile__isnull=True) | models.Q(quartile__gte=1, quartile__lte=4),
                name="benchmark_quartile_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.financial_year}"


class BenchmarkImport(models.Model):
    """An uploaded CSV of benchmark figures, kept so the Strategy Unit can check the
    preview before anything changes, and so there is a record of what was imported."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Awaiting confirmation"
        IMPORTED = "imported", "Imported"

    filename = models.CharField(max_length=255)
    content = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display().lower()})"


class Submission(models.Model):
    """A form that creates something, recorded by the random key its page carried: pressing
    the button twice, or sending the page again, creates it once (perfmgmt/once.py)."""

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500, blank=True)
    made_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.key} by {self.user}"
