"""Demo committee report: the Q3 2011/12 performance management update to the Governance
and Audit Committee of 9 March 2012, started from the demo quarter, edited by the Strategy
Unit to the words of the reference report, cleared by legal and finance, signed by the
Head of Audit and Performance Improvement, published by the clerk, and approved.

Everything goes through the services, as it would in use; a report already there is left
as it is.
"""

from datetime import date

from django.db import transaction

from perfmgmt.models import Quarter, User
from reviews.models import CommitteeReport, ReportParagraph, Section
from reviews.reports import drafting, publication, services

COMMITTEE = "Governance and Audit Committee"
SUBJECT = "Performance Management Update (Quarter 3 2011-2012) - corporate performance in the transforming organisation"

# The reference report's paragraphs, by number: (heading, text).
REFERENCE = {
    "1.1": (
        "",
        (
            "The 2011/12 quarter 3 performance management update presents to members the progress so far in "
            "the development of a new performance framework for the organisation, and the areas of concern "
            "that have been highlighted in discussions this quarter."
        ),
    ),
    "2.1": (
        "",
        (
            "To outline the areas of concern emerging from the new approach to corporate performance "
            "management in Portsmouth City Council and set out next steps."
        ),
    ),
    "4.1": (
        "",
        (
            "As previously reported to the Governance and Audit Committee, the organisation is currently in "
            "the process of developing for itself a way of managing performance, that focuses more on key "
            "themes than lists of mandated performance indicators. In the way of working, there is a strong "
            "emphasis on the service business plans as the foundation statement, setting out what services "
            "expect to achieve and how they will track progress. It is expected that service heads actively "
            "managing against the expectations and standards set in those plans, and regularly discussing "
            "these with their Strategic Director as part of the management relationship, and with the "
            "relevant Executive members."
        ),
    ),
    "4.2": (
        "",
        (
            "Alongside this, we are rethinking the role of corporate performance management, and considering "
            "the added value from the management team of the organisation focusing on matters collectively. "
            "In essence this is about pulling together the strands of activity in services to ensure that "
            "they amount to at least the sum of their parts in outcome terms, and tackling the issue that "
            "service heads identify as blocks to success."
        ),
    ),
    "4.3": (
        "",
        (
            "In order to do this, during the reporting period for Q3, all service heads have been invited to "
            "attend the Strategic Directors Board as part of their Directorate Management Team groupings, and"
            ' share their "worry list" - the issues where performance is not acceptable and feels like a '
            "collective solution is needed, and the things in the wider organisation that feel like barriers "
            "to success. This is supplemented in each case by a brief annex, prepared in the Strategy Unit, "
            "which shows a range of relevant indicators from the CIPFA VFM toolkit, and notes from Internal "
            "Audit, Corporate Projects and Risk Management on areas of concern."
        ),
    ),
    "4.4": (
        "",
        (
            "So far, directorate reports have been received from the Regeneration directorate grouping, the "
            '"people" group, and children and young people, also including Audit and Performance Management.'
        ),
    ),
    "5.1": ("", "Specific performance issues raised so far include:"),
    "5.2": (
        "Tackling worklessness in younger people",
        (
            "the council is developing a city-wide strategy to support employment of young people, which will"
            " promote to city employers the notions of work placement and apprenticeship. Portsmouth City "
            "Council has previously agreed to this approach internally, and need to be seen to be acting on "
            "it seriously in order to provide credible leadership on the matter. Presently, only 7 staff are "
            "employed on these bases across the organisation and this is felt to not be good enough. "
            "Following discussion, the commitment of the organisation on this matter was reiterated, and a "
            "package of actions for improving performance in this area agreed."
        ),
    ),
    "5.3": (
        "",
        (
            "The discussion also recognised that the organisation has had notable success in developing work "
            "opportunities for people with learning disabilities, and could learn from the collaborative "
            "approach taken in that instance. It was also recognised that PCC has much wider impact than just"
            " what it can achieve through its own employment opportunities, and that it needs to be looking "
            "at how to better leverage influence through contracting and commissioning to generate "
            "opportunities."
        ),
    ),
    "5.4": (
        "Active lifestyles",
        (
            "Portsmouth has a great environment for active lifestyle opportunities (a great seafront, open "
            "spaces, generally flat roads) and some really good community sports facilities (notably "
            "Mountbatten) but despite this, and the proven health benefits, the proportion of residents "
            "reporting they have an active lifestyle is small. In discussion, a number of actions were agreed"
            " to tackle this, including working better with Health Development and Improvement and Public "
            "Health colleagues to refocus some of their activity in this area. Again, the need to make better"
            " use of influence through commissioning and contracting was noted."
        ),
    ),
    "5.5": (
        "Educational attainment",
        (
            "attainment, specifically at Key Stage 4 (GCSE) has been, and remains, probably PCC's single most"
            " significant performance issue. In the last round of results, Portsmouth was rated 148th out of "
            "152 authorities. This cannot be acceptable for a city that has serious ambitions for "
            "regeneration, based on an economic reinvigoration that will unlock job opportunities across the "
            "city, and will require a skilled local workforce."
        ),
    ),
    "5.6": (
        "",
        (
            "Various initiatives have been developed over the years, which have delivered small year-on-year "
            "performance improvements, but which have failed to bring about the necessary step-changes. A "
            "fresh analysis of the issue is nearing completion, which takes in the new education landscape, "
            "and suggests that the way forward for Portsmouth needs to address the changing relationship with"
            " schools, with schools more empowered to commission the support they need, but also with a "
            "stronger focus on school accountability and responsibility; schools' governance; and ongoing "
            "issues around expectation. A detailed paper will be presented soon outlining the key actions "
            "required on behalf of the city council to support this change, and how the increasingly engaged "
            "business community can be involved in some of the issues."
        ),
    ),
    "5.7": (
        "Children's social care",
        (
            "Portsmouth faces some big issues in relation to children's social care. There is a real "
            "challenge in relation to contacts and caseloads – Merefield House has received 17,000 contacts "
            "last year, and in July 2011, the highest number of referrals to children's social care was made "
            "since the council had moved to unitary status, and this level has been maintained. Partly this "
            "is due to inappropriate referrals from other agencies, and there are challenges to tackle this. "
            "However, there are also high caseloads in Portsmouth, and complex casework required. Securing "
            "the right workforce to deal with this is hard. Early work suggests that Portsmouth is seen as a "
            "good authority for newly-qualified social workers to come to, but retaining experienced staff is"
            " a challenge, as is recruiting to more senior practitioner and managerial posts. Work is taking "
            "place to understand these issues, and to develop a business case for making any necessary "
            "changes to recruitment and retention packages."
        ),
    ),
    "5.8": (
        "",
        ("Alongside these specific performance issues, a number of more thematic issues have been raised, including:"),
    ),
    "5.9": (
        "Deployment of skills across the organisation",
        (
            "this issue was raised in relation to project managers, but it was noted that there is wider "
            "applicability in other skill sets, such as analysts. The key questions are do we have the skills"
            " we need in the organisation, and if so, are we agile enough at deploying them to areas of "
            "priority. It has been agreed that this matter will be revisited in the near future, starting "
            "with a specific focus on project management."
        ),
    ),
    "5.10": (
        "Customer focus",
        (
            "officers believe that there is more to do to ensure that we truly put customers at the heart of "
            "what we do, in terms of properly understanding who our customers are, and designing services "
            "that meet their needs first and foremost. Much improvement in this area is being taken forward "
            "under the Customer Management Workstream of the Transformation Programme."
        ),
    ),
    "5.11": (
        "Evidence-basing",
        (
            "there is a question about whether as an organisation we are strong enough at developing evidence"
            " bases for taking forward initiatives and stating the impact we expect them to have. Again, this"
            " is an area being pursued through the transformation programme, largely as part of the knowledge"
            " management workstream."
        ),
    ),
    "5.12": (
        "Improving efficiency and effectiveness",
        (
            "it has been noted that the Transformation Programme is our flagship for looking at how we work "
            "can be transformed to improve our efficiency and effectiveness, but there needs to be further "
            "dialogue on the extent to which a number of issues lay outside of this, for example, our "
            "approach to value for money across the organisation."
        ),
    ),
    "5.13": (
        "",
        (
            "It has been agreed that when all DMT-led discussions are complete, there will be a session for "
            "Strategic Directors to reflect on the themes emerging and consider a response. This will be "
            "reported back to the next meeting of the Governance and Audit Committee."
        ),
    ),
    "6.1": (
        "",
        (
            "At the conclusion of the quarterly reporting, an action plan will be put in place (or "
            "consolidated as in many cases activity is already happening) so that progress can be checked. As"
            " already stated, there will be time to reflect on more thematic issues emerging and "
            "consideration given to what needs to be happening to create the conditions for success."
        ),
    ),
    "6.2": (
        "",
        (
            "In the next quarter, these issues will be monitored closely, but importantly we need to move "
            "into a phase of developing measures of success – how will we know if we are addressing the key "
            "issues that matter to us? What can we track to help us understand that? How do we use that as a "
            "basis for continuous improvement and challenge? This will be supported by consideration of the "
            "business plans that are currently in development for 2012-13 onwards. We will also be "
            "considering omissions in the discussions so far (for example, the voice of the user) and the "
            "relationship between corporate governance and performance, including a consideration of the "
            "extent to which our governance framework is appropriately risk-based. All of this work will be "
            "reported to the Committee on an ongoing basis."
        ),
    ),
    "6.3": (
        "",
        (
            "Finally, as part of the knowledge management workstream, we will be looking at the issues of "
            "communication arising, and how we should be speaking more widely to staff and residents about "
            "our performance (this is related to previous discussions at Governance and Audit Committee and "
            "the offer from members to be involved in this work is much appreciated)."
        ),
    ),
    "7.1": (
        "",
        (
            "As noted above, the voice of the service user is an omission from the current framework for "
            "performance. The abolition of statutory requirements for a number of service-user surveys (such "
            "as the MORI poll) and associated reductions in resources, mean that we now have no corporate "
            "method of tracking the perceptions of service users. This does not mean that consultation does "
            "not happen – on the contrary, services frequently consult on specific issues as part of their "
            "work. However, thematic issues around general satisfaction and the extent to which residents "
            "believe the council is providing value for money, are not routinely addressed. How we fill this "
            "gap is currently subject to ongoing discussion between the Customer Management and Knowledge "
            "Management workstreams of the transformation programme, and is being treated as a clear "
            "opportunity for improvement."
        ),
    ),
    "7.2": (
        "",
        (
            "We also need to get better at using the information we have internally to inform decisions about"
            " service design and resourcing. The city helpdesk receives the majority of the authority's calls"
            " from the public, but routine learning from these is an area for development. Again, this is an "
            "area being addressed through the Transformation Programme workstreams, and again, should "
            "represent a positive opportunity for improvement."
        ),
    ),
    "7.3": (
        "",
        (
            "It is suggested that further details in this area return to a future meeting of the Governance "
            "and Audit Committee."
        ),
    ),
    "8.1": (
        "",
        (
            "An Equality Impact Assessment will be maintained alongside the development of the new framework "
            "to ensure that full consideration is given to equality issues."
        ),
    ),
    "9.1": (
        "",
        (
            "The report has incorporated legal implications and accordingly there are no other immediate "
            "legal implications arising from this report."
        ),
    ),
    "10.1": (
        "",
        (
            "There are no financial implications to bring to member's attention at this stage. However, it "
            "should be noted that there could be further financial implications following further exploration"
            " of any of the performance issues raised in this report, and related future reports could result"
            " in financial implications. These will be flagged to members at the appropriate time."
        ),
    ),
}

# Which generated paragraph becomes which reference paragraph, by its heading (or, for
# paragraphs without one, by the start of its text).
GENERATED = {
    "So far, directorate reports": "4.4",
    "Specific performance issues": "5.1",
    "Tackling worklessness in younger people": "5.2",
    "Active lifestyles": "5.4",
    "Educational attainment at Key Stage 4": "5.5",
    "Children's social care: contacts, caseloads and the workforce": "5.7",
    "Alongside these specific": "5.8",
    "Deployment of skills across the organisation": "5.9",
    "Customer focus": "5.10",
    "Evidence-basing": "5.11",
    "Efficiency and effectiveness": "5.12",
    "It has been agreed": "5.13",
    "The Board agreed": "6.1",
    "Learning from city helpdesk calls": "7.2",
    "No corporate tracking of service users' perceptions": "7.1",
}
# The narrative a new report starts with, by section, and the reference paragraph it becomes.
NARRATIVE = {Section.SUMMARY: "1.1", Section.PURPOSE: "2.1", Section.EQUALITY: "8.1"}
# The new report's two default recommendations are the reference's first two.
THIRD_RECOMMENDATION = 'Proposals regarding the "user voice"'


def _key(paragraph: ReportParagraph) -> str | None:
    if paragraph.heading in GENERATED:
        return GENERATED[paragraph.heading]
    return next((key for start, key in GENERATED.items() if paragraph.text.startswith(start)), None)


@transaction.atomic
def load_report(people: dict[str, User]) -> None:
    quarter = Quarter.objects.get(financial_year__start_year=2011, number=3)
    if CommitteeReport.objects.filter(quarter=quarter, committee=COMMITTEE).exists():
        return
    officer = people["strategy.officer"]
    report = drafting.start_report(
        by=officer,
        quarter=quarter,
        committee=COMMITTEE,
        meeting_date=date(2012, 3, 9),
        subject=SUBJECT,
        report_by="Head of Audit and Performance Improvement",
        author=people["jon.bell"],
    )
    _edit_to_the_reference(report, officer)
    for document in list(report.background_documents.all()):
        services.remove(item=document, by=officer)
    services.save_background_document(
        report=report, by=officer, title="reports to, and minutes of, SDB meetings", location="Strategy Unit"
    )

    services.submit_for_clearance(report=report, by=officer)
    services.clear(report=report, by=people["head.legal"], area="legal", comments=REFERENCE["9.1"][1])
    services.clear(report=report, by=people["head.finance"], area="finance", comments=REFERENCE["10.1"][1])
    services.confirm_equality_assessment(report=report, by=officer)
    services.sign(report=report, by=people["jon.bell"])
    publication.publish_now(report=report, by=people["committee.clerk"])
    services.record_decision(
        report=report,
        by=people["committee.clerk"],
        decision=CommitteeReport.Decision.APPROVED,
        decided_on=date(2012, 3, 9),
    )


def _edit_to_the_reference(report: CommitteeReport, officer: User) -> None:
    """Generated paragraphs take the reference's words; the narrative the reference has
    beyond them is added where it belongs."""
    placed: dict[str, ReportParagraph] = {}
    for paragraph in report.paragraphs.all():
        if paragraph.section == Section.RECOMMENDATIONS:
            continue
        key = _key(paragraph) if paragraph.source else NARRATIVE.get(paragraph.section)
        if key:
            heading, text = REFERENCE[key]
            placed[key] = services.save_paragraph(
                report=report, by=officer, section=paragraph.section, heading=heading, text=text, paragraph=paragraph
            )
        else:
            services.include_paragraph(paragraph=paragraph, by=officer, included=False)
    services.save_paragraph(
        report=report, by=officer, section=Section.RECOMMENDATIONS, heading="", text=THIRD_RECOMMENDATION
    )
    for key, (heading, text) in REFERENCE.items():
        section_number = int(key.split(".")[0])
        section = list(Section)[section_number - 1]
        if key in placed or section in (Section.LEGAL, Section.FINANCE):
            continue
        placed[key] = services.save_paragraph(report=report, by=officer, section=section, heading=heading, text=text)
    for section in Section:
        wanted = sorted(
            (p for k, p in placed.items() if p.section == section), key=lambda p: _reference_order(placed, p)
        )
        _put_in_order(report, section, wanted, officer)


def _reference_order(placed: dict[str, ReportParagraph], paragraph: ReportParagraph) -> int:
    key = next(k for k, p in placed.items() if p.pk == paragraph.pk)
    return int(key.split(".")[1])


def _put_in_order(report: CommitteeReport, section: Section, wanted: list[ReportParagraph], officer: User) -> None:
    """Move each wanted paragraph up to its place, as someone would with the buttons."""
    for index, paragraph in enumerate(wanted):
        siblings = [p.pk for p in report.paragraphs.filter(section=section).order_by("position", "pk")]
        for _ in range(siblings.index(paragraph.pk) - index):
            services.move_paragraph(paragraph=paragraph, by=officer, up=True)
