"""The templates the product ships with, as data: the Governance and Audit Committee's
quarterly update, the report the product has always printed. Its section keys are the
ones in ``reviews.models.Section``.

The functions take the model classes, so that the migration that first set it up (and
anything that finds it missing, such as a database emptied by a test) makes the same."""

NAME = "Performance management update (governance and audit)"
HEADER_ROWS = [
    ("Decision maker", "committee_and_date"),
    ("Subject", "subject"),
    ("Report by", "report_by"),
    ("Wards affected", "wards_affected"),
    ("Key decision (over £250k)", "key_decision"),
]
# key, title, compulsory, default text, writer, must clear, block
SECTIONS = [
    (
        "summary",
        "Summary",
        True,
        "The {quarter} performance management update presents to members the progress of the performance "
        "framework and the areas of concern highlighted in discussions this quarter.",
        "strategy_unit",
        False,
        "",
    ),
    (
        "purpose",
        "Purpose of report",
        True,
        "To outline the areas of concern emerging this quarter and set out next steps.",
        "strategy_unit",
        False,
        "",
    ),
    (
        "recommendations",
        "Recommendations",
        True,
        "Issues raised in section 5\n\nNext steps as set out in section 6",
        "strategy_unit",
        False,
        "recommendations",
    ),
    ("context", "Context", False, "", "strategy_unit", False, "groupings"),
    ("issues", "Issues emerging", False, "", "strategy_unit", False, "board_issues"),
    ("further_development", "Areas for further development", False, "", "strategy_unit", False, "action_plan"),
    ("user_voice", "The voice of the service user", False, "", "strategy_unit", False, "user_voice"),
    (
        "equality",
        "Equality impact assessment (EIA)",
        True,
        "An Equality Impact Assessment will be maintained alongside the development of the framework to ensure "
        "that full consideration is given to equality issues.",
        "strategy_unit",
        False,
        "",
    ),
    ("legal", "Head of legal services' comments", False, "", "legal", True, ""),
    ("finance", "Head of finance's comments", False, "", "finance", True, ""),
]


def make_governance_and_audit(ReportTemplate, TemplateHeaderRow, TemplateSection, **fields):  # noqa: N803
    template = ReportTemplate.objects.create(
        name=NAME,
        description="The quarterly update as the Governance and Audit Committee has it.",
        recommendations_intro="The {committee} are asked to note and comment on:",
        **fields,
    )
    for position, (label, value) in enumerate(HEADER_ROWS, start=1):
        TemplateHeaderRow.objects.create(template=template, position=position, label=label, value=value)
    for position, (key, title, compulsory, text, writer, must_clear, block) in enumerate(SECTIONS, start=1):
        TemplateSection.objects.create(
            template=template,
            position=position,
            key=key,
            title=title,
            compulsory=compulsory,
            default_text=text,
            writer=writer,
            must_clear=must_clear,
            block=block,
        )
    return template


def governance_and_audit():
    """The shipped template, made again if it has gone."""
    from reviews.models import ReportTemplate, TemplateHeaderRow, TemplateSection

    found = ReportTemplate.objects.filter(name=NAME).first()
    return found or make_governance_and_audit(ReportTemplate, TemplateHeaderRow, TemplateSection)
