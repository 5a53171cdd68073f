"""Committee reports: the draft's paragraphs, background documents and appendices, and
the published versions with their files, never changed afterwards."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from perfmgmt.models import Quarter
from reviews.models.board import BoardSession
from reviews.models.report_templates import ReportTemplate


class Section(models.TextChoices):
    """The sections of the Governance and Audit Committee's report, the template the
    product ships with: their keys are what its paragraphs are filed under."""

    SUMMARY = "summary", "Summary"
    PURPOSE = "purpose", "Purpose of report"
    RECOMMENDATIONS = "recommendations", "Recommendations"
    CONTEXT = "context", "Context"
    ISSUES = "issues", "Issues emerging"
    FURTHER_DEVELOPMENT = "further_development", "Areas for further development"
    USER_VOICE = "user_voice", "The voice of the service user"
    EQUALITY = "equality", "Equality impact assessment (EIA)"
    LEGAL = "legal", "Head of legal services' comments"
    FINANCE = "finance", "Head of finance's comments"


class ExemptParagraph(models.IntegerChoices):
    """Part 1 of Schedule 12A to the Local Government Act 1972: why information may be
    withheld from the public."""

    INDIVIDUAL = 1, "1: information relating to any individual"
    IDENTITY = 2, "2: information likely to reveal the identity of an individual"
    FINANCIAL = 3, "3: the financial or business affairs of any particular person (including the authority)"
    LABOUR_RELATIONS = 4, "4: consultations or negotiations on a labour relations matter"
    LEGAL_PRIVILEGE = 5, "5: information covered by legal professional privilege"
    NOTICES = 6, "6: a proposed notice, order or direction under any enactment"
    CRIME = 7, "7: the prevention, investigation or prosecution of crime"


class CommitteeReport(models.Model):
    """The quarter's performance report to a committee: drafted by the Strategy Unit from
    the quarter's data, cleared by legal and finance, signed by its author, published by
    the committee clerk, and then decided by the committee."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_CLEARANCE = "in_clearance", "In clearance"
        SIGNED = "signed", "Signed, ready to publish"
        PUBLISHED = "published", "Published"
        CORRECTING = "correcting", "Correction being drafted"

    # Which status can follow which; each move is one service in reviews/reports/services.py.
    # A correction is drafted, cleared and signed again before it is published.
    TRANSITIONS = {
        Status.DRAFT: {Status.IN_CLEARANCE},
        Status.IN_CLEARANCE: {Status.DRAFT, Status.CORRECTING, Status.SIGNED},
        Status.SIGNED: {Status.DRAFT, Status.CORRECTING, Status.PUBLISHED},
        Status.PUBLISHED: {Status.CORRECTING},
        Status.CORRECTING: {Status.IN_CLEARANCE, Status.PUBLISHED},  # or the correction is dropped
    }

    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        APPROVED_AS_AMENDED = "approved_as_amended", "Approved as amended"
        DEFERRED = "deferred", "Deferred"
        REJECTED = "rejected", "Rejected"

    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="committee_reports")
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="reports")
    committee = models.CharField("decision maker", max_length=200)
    meeting_date = models.DateField()
    subject = models.CharField(max_length=300)
    report_by = models.CharField(max_length=200, help_text="The author's job title, as printed.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_reports")
    wards_affected = models.CharField(max_length=200, default="N/A")
    key_decision = models.CharField("key decision", max_length=200, default="N/A")
    contact_officer = models.CharField(max_length=300, blank=True, help_text="Name, job title, telephone and email.")
    portfolio = models.CharField("cabinet member or portfolio", max_length=200, blank=True)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "the whole report is exempt under Schedule 12A (Part II)",
        choices=ExemptParagraph.choices,
        null=True,
        blank=True,
    )
    recommendations_intro = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Clearance: who and when, never printed in the report.
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    legal_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    legal_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    finance_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    finance_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    equality_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    equality_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    risk_cleared_at = models.DateTimeField(null=True, blank=True, editable=False)
    risk_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    eia_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    eia_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_reason = models.TextField(blank=True, editable=False)
    correction_reason = models.TextField(blank=True, editable=False)
    correction_started_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The committee's decision, recorded by the clerk after the meeting.
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True, editable=False)
    decision_date = models.DateField(null=True, blank=True, editable=False)
    amendments = models.TextField(blank=True, editable=False)
    decision_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting_date", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("committee"), "quarter", name="one_report_per_quarter_and_committee")
        ]

    def __str__(self):
        return f"{self.committee}, {self.meeting_date:%-d %B %Y}: {self.quarter.label}"

    @property
    def file_stem(self) -> str:
        """'performance-management-update-q3-2011-12'"""
        return f"performance-management-update-{self.quarter.ref.slug}"


class ReportParagraph(models.Model):
    """One numbered paragraph of a report. Generated paragraphs say which data they came
    from; any paragraph can be edited, moved or left out."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="paragraphs")
    # The key of its section in the report's template; a paragraph whose section the
    # template does not have (after a move to another template) is listed as not placed.
    section = models.CharField(max_length=60)
    position = models.PositiveIntegerField(default=0)
    heading = models.CharField(max_length=200, blank=True, help_text="Printed in bold at the start of the paragraph.")
    text = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="Where a generated paragraph came from.")
    # What generated it ("worry:12", "theme:3", "reflection"), so a refresh can find it again.
    source_key = models.CharField(max_length=40, blank=True, editable=False)
    edited = models.BooleanField(default=False)
    included = models.BooleanField(default=True)
    # The quarter of the report it was carried from ("Q3 2011/12"), until someone edits it
    # or confirms that it still applies.
    carried_from = models.CharField(max_length=20, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading or self.text[:60]


class BackgroundDocument(models.Model):
    """A document relied on in preparing the report (Section 100D of the Local Government
    Act 1972), and where it can be inspected."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="background_documents")
    title = models.CharField(max_length=300)
    location = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class ReportAppendix(models.Model):
    """An appendix printed after the report in the committee pack: the action plan, a
    grouping's annex or the quarter's scorecard. An exempt appendix is left out of
    everything the public sees."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", "Action plan"
        ANNEX = "annex", "Annex"
        SCORECARD = "scorecard", "Scorecard of measures"
        OTHER_WORRIES = "other_worries", "Other worries the Board discussed"
        UPLOADED = "uploaded", "Uploaded document (PDF)"

    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, related_name="appendices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    session = models.ForeignKey(BoardSession, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    exempt_paragraph = models.PositiveSmallIntegerField(
        "exempt under Schedule 12A", choices=ExemptParagraph.choices, null=True, blank=True
    )

    # An uploaded PDF, checked when it was uploaded (reviews/reports/uploads.py); its bytes
    # are kept here and in the published pack, not in the history.
    document = models.BinaryField(null=True, editable=False)
    document_name = models.CharField(max_length=255, blank=True, editable=False)
    document_pages = models.PositiveIntegerField(null=True, editable=False)
    document_tagged = models.BooleanField(default=False, editable=False)

    history = HistoricalRecords(excluded_fields=["document"])

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="annex", session__isnull=False)
                | models.Q(kind__in=["action_plan", "scorecard", "other_worries", "uploaded"], session__isnull=True),
                name="annex_appendices_have_a_session",
            )
        ]

    def __str__(self):
        return self.title


class ReportVersion(models.Model):
    """A published version: the files exactly as published, never changed afterwards."""

    report = models.ForeignKey(CommitteeReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("reason for the correction", blank=True)
    # A whole report exempt (Part II) when published: its files go only to those who may
    # open exempt information.
    exempt_paragraph = models.PositiveSmallIntegerField(choices=ExemptParagraph.choices, null=True, blank=True)
    # Who cleared and signed this version, kept with it: a later correction clears afresh.
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    legal_cleared_at = models.DateTimeField(null=True)
    legal_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    finance_cleared_at = models.DateTimeField(null=True)
    finance_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    equality_cleared_at = models.DateTimeField(null=True)
    equality_cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    risk_cleared_at = models.DateTimeField(null=True)
    risk_cleared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    eia_confirmed_at = models.DateTimeField(null=True)
    eia_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    signed_at = models.DateTimeField()
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_numbers_are_unique")]

    def __str__(self):
        return f"{self.report}, version {self.number}"


class ReportFile(models.Model):
    """One published file with its SHA-256, as it was served on the day."""

    class Kind(models.TextChoices):
        HTML = "html", "Report (HTML)"
        PDF = "pdf", "Report (PDF)"
        DOCX = "docx", "Report (Word)"
        PACK = "pack", "Committee pack (PDF)"
        PACK_HTML = "pack_html", "Committee pack (HTML)"
        EXEMPT_PACK = "exempt_pack", "Committee pack with exempt appendices (PDF)"

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="files")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="one_file_of_each_kind_per_version")]

    def __str__(self):
        return f"{self.version}: {self.get_kind_display()}"


class PdfRender(models.Model):
    """A PDF being made for someone now: each person may make only a few at once, so that
    one person cannot take every worker (reviews/pdf.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"PDF for {self.user}, started {self.started_at:%H:%M:%S}"
