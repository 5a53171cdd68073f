"""Demo: a second report template, a modern quarterly performance report to Cabinet, made
from the shipped one as a Strategy Unit officer would in the browser (copied, renamed,
its rows and sections replaced), and a Q3 2011/12 report to Cabinet published with it.

Everything goes through the services; a template or report already there is left as it is.
"""

from datetime import date

from django.db import transaction

from perfmgmt.models import Committee, Quarter, User
from reviews.models import CommitteeReport, ReportAppendix, ReportTemplate, TemplateHeaderRow, TemplateSection
from reviews.report_templates import services as templates
from reviews.reports import drafting, publication, services
from reviews.reports.drafting import template_for

NAME = "Quarterly performance report to Cabinet"
COMMITTEE = "Cabinet"
GOVERNANCE_AND_AUDIT = "Governance and Audit Committee"
Value = TemplateHeaderRow.Value
Block = TemplateSection.Block
Writer = TemplateSection.Writer

HEADER_ROWS = [
    ("Report to", Value.COMMITTEE),
    ("Date of meeting", Value.MEETING_DATE),
    ("Subject", Value.SUBJECT),
    ("Report by", Value.REPORT_BY),
    ("Cabinet member", Value.PORTFOLIO),
    ("Contact officer", Value.CONTACT_OFFICER),
    ("Wards affected", Value.WARDS_AFFECTED),
    ("Key decision (over £500k)", Value.KEY_DECISION),
    ("Exempt information", Value.EXEMPT),
]
# title, compulsory, who writes it, must clear, block, default text
SECTIONS = [
    (
        "Purpose of the report",
        True,
        Writer.STRATEGY_UNIT,
        False,
        Block.NONE,
        "To report the council's performance against the service business plans for {quarter}, and the measures "
        "that are off target with what is being done about them.",
    ),
    (
        "Recommendations",
        True,
        Writer.STRATEGY_UNIT,
        False,
        Block.RECOMMENDATIONS,
        "Note the performance summary for {quarter}\n\nNote the exceptions and the corrective action being taken",
    ),
    (
        "Reasons for the recommendations",
        True,
        Writer.STRATEGY_UNIT,
        False,
        Block.NONE,
        "The Cabinet receives the quarterly performance report so that it can hold services to account for the "
        "commitments in their business plans.",
    ),
    ("Performance summary", False, Writer.STRATEGY_UNIT, False, Block.SUMMARY_COUNTS, ""),
    ("Exceptions", False, Writer.STRATEGY_UNIT, False, Block.EXCEPTIONS, ""),
    ("Financial implications", False, Writer.FINANCE, True, Block.NONE, ""),
    ("Legal implications", False, Writer.LEGAL, True, Block.NONE, ""),
    ("Equality implications", False, Writer.EQUALITY, True, Block.NONE, ""),
    ("Risk implications", False, Writer.RISK, True, Block.NONE, ""),
]
SETTINGS = {
    "name": NAME,
    "description": "A modern cabinet report: a summary of measures by status, the exceptions, and a scorecard.",
    "numbering": ReportTemplate.Numbering.PARAGRAPHS,
    "recommendation_style": ReportTemplate.ListStyle.ROMAN_BRACKETS,
    "recommendations_intro": "RECOMMENDED that the {committee}:",
    "appendix_style": ReportTemplate.AppendixStyle.NUMBERS,
    "scorecard_appendix": True,
    "signature_label": "Signed by",
    "background_heading": "Background list of documents: Section 100D of the Local Government Act 1972",
    "background_intro": "The following documents disclose facts or matters, which have been relied upon to a "
    "material extent by the author in preparing this report:",
    "decision_heading": "Decision",
    "decision_wording": "The recommendations set out above were {options} by the {committee} on {meeting_date}.",
    "decision_options": "approved/ approved as amended/ deferred/ rejected",
}
LEGAL = (
    "There are no legal implications arising directly from this report. The council's performance "
    "framework supports its duty of best value under the Local Government Act 1999."
)
FINANCE = "There are no financial implications arising from the recommendations in this report."
EQUALITY = (
    "This report is for information. It proposes no change to policy or services, so no equality impact "
    "assessment is needed."
)
RISK = (
    "The measures that are red are reflected in the directorate risk registers where they put a service "
    "objective at risk."
)


def load_cabinet_template(officer: User) -> ReportTemplate:
    found = ReportTemplate.objects.filter(name=NAME).first()
    if found is not None:
        return found
    shipped = template_for(GOVERNANCE_AND_AUDIT)
    if not shipped.default_for.exists():
        governance = Committee.objects.filter(name=GOVERNANCE_AND_AUDIT)
        templates.save_settings(template=shipped, by=officer, committees=governance)
    template = templates.copy_template(template=shipped, by=officer, name=NAME)
    cabinet = Committee.objects.filter(name=COMMITTEE)
    template = templates.save_settings(template=template, by=officer, committees=cabinet, **SETTINGS)
    old_rows, old_sections = list(template.header_rows.all()), list(template.sections.all())
    for label, value in HEADER_ROWS:
        templates.save_header_row(template=template, by=officer, label=label, value=value)
    for item in old_rows + old_sections[1:]:
        templates.remove(item=item, by=officer)
    first = old_sections[0]  # a template keeps one section: the first becomes the purpose
    for title, compulsory, writer, must_clear, block, text in SECTIONS:
        templates.save_section(
            template=template,
            by=officer,
            section=first,
            title=title,
            compulsory=compulsory,
            writer=writer,
            must_clear=must_clear,
            block=block,
            default_text=text,
        )
        first = None
    return template


@transaction.atomic
def load_cabinet_report(people: dict[str, User]) -> None:
    officer = people["strategy.officer"]
    template = load_cabinet_template(officer)
    quarter = Quarter.objects.get(financial_year__start_year=2011, number=3)
    if CommitteeReport.objects.filter(quarter=quarter, committee=COMMITTEE).exists():
        return
    report = drafting.start_report(
        by=officer,
        quarter=quarter,
        committee=COMMITTEE,
        meeting_date=date(2012, 3, 20),
        subject="Quarterly performance report (Quarter 3 2011-2012)",
        report_by="Head of Audit and Performance Improvement",
        author=people["jon.bell"],
        template=template,
    )
    services.save_details(
        report=report,
        by=officer,
        committee=COMMITTEE,
        meeting_date=report.meeting_date,
        subject=report.subject,
        report_by=report.report_by,
        wards_affected="All",
        key_decision="No",
        contact_officer="Jon Bell, Head of Audit and Performance Improvement, 023 9283 4000",
        portfolio="Cabinet Member for Resources",
        exempt_paragraph=None,
        recommendations_intro=report.recommendations_intro,
    )
    for document in list(report.background_documents.all()):
        services.remove(item=document, by=officer)
    services.save_background_document(
        report=report, by=officer, title="Service business plans 2011/12", location="Strategy Unit"
    )
    for appendix in report.appendices.exclude(kind=ReportAppendix.Kind.SCORECARD):
        services.remove(item=appendix, by=officer)
    services.submit_for_clearance(report=report, by=officer)
    services.clear(report=report, by=people["head.legal"], area="legal", comments=LEGAL)
    services.clear(report=report, by=people["head.finance"], area="finance", comments=FINANCE)
    services.clear(report=report, by=people["equality.lead"], area="equality", comments=EQUALITY)
    services.clear(report=report, by=people["risk.contributor"], area="risk", comments=RISK)
    services.confirm_equality_assessment(report=report, by=officer)
    services.sign(report=report, by=people["jon.bell"])
    publication.publish_now(report=report, by=people["committee.clerk"])
