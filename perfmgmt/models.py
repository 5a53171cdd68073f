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
from perfmgmt.roles import ContributorArea, Role


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

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self) -> frozenset[Role]:
        """The user's roles, read once per request from their groups."""
        cached = getattr(self, "_roles", None)
        if cached is None:
            names = {group.name for group in self.groups.all()}
            cached = frozenset(role for role in Role if role.label in names)
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

    def clean(self):
        super().clean()
        if self.worry_list_deadline and self.financial_year_id and self.worry_list_deadline < self.start:
            starts = f"{self.start:%-d %B %Y}"
            raise ValidationError(
                {"worry_list_deadline": f"The deadline must be on or after the quarter starts ({starts})."}
            )
