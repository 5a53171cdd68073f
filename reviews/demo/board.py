"""Demo Board sessions: the three Q3 2011/12 grouping sessions of the reference report,
with its outcomes, agreed actions and the four themes, and the reflection session still
to come (5.13). Built through the services, so history and outcomes flow as in use;
idempotent: a session already there is left as it is."""

from datetime import date

from django.db import transaction

from perfmgmt.models import BenchmarkIndicator, DmtGrouping, Measure, Quarter, Service, User
from reviews.annexes.services import annex_for, mark_annex_ready, save_note, set_annex_contents
from reviews.board import services
from reviews.models import Action, BoardSession, Theme

THEMES = {
    "Deployment of skills across the organisation": (
        "Do we have the skills we need (project managers, analysts), and are we agile enough at deploying them "
        "to areas of priority?",
        "Revisit in the near future, starting with a specific focus on project management.",
    ),
    "Customer focus": (
        "Properly understanding who our customers are, and designing services that meet their needs first.",
        "Taken forward under the Customer Management workstream of the Transformation Programme.",
    ),
    "Evidence-basing": (
        "Developing evidence bases for initiatives and stating the impact we expect them to have.",
        "Pursued through the Transformation Programme, largely in the Knowledge Management workstream.",
    ),
    "Efficiency and effectiveness": (
        "Issues outside the Transformation Programme, for example our approach to value for money.",
        "Further dialogue on the issues outside the Transformation Programme.",
    ),
}

SESSIONS = {
    "Regeneration": date(2012, 1, 24),
    "People": date(2012, 1, 31),
    "Children and young people, also including Audit and Performance Management": date(2012, 2, 7),
}

# worry title: (result, discussion, learning, themes, [(action, owner, due, programme)])
OUTCOMES = {
    "Tackling worklessness in younger people": (
        "actions",
        "The commitment of the organisation was reiterated; the council needs to be seen to act seriously to give "
        "credible leadership. Influence through contracting and commissioning should generate opportunities.",
        "Learn from the collaborative approach that created work opportunities for people with learning disabilities.",
        [],
        [
            (
                "Agree a package of actions to increase apprenticeships and work placements across directorates",
                "head.employment",
                date(2012, 3, 31),
                "",
            )
        ],
    ),
    "Active lifestyles": (
        "actions",
        "A number of actions were agreed, including working better with Health Development and Improvement and "
        "Public Health colleagues. The need to use influence through commissioning and contracting was noted.",
        "",
        [],
        [
            (
                "Refocus Health Development and Improvement and Public Health activity on active lifestyles",
                "head.sport",
                date(2012, 6, 30),
                "",
            )
        ],
    ),
    "Customer focus": (
        "theme",
        "Raised as a thematic issue for the reflection session.",
        "",
        ["Customer focus"],
        [],
    ),
    "Educational attainment at Key Stage 4": (
        "actions",
        "Probably the council's single most significant performance issue. A fresh analysis is nearing "
        "completion; a detailed paper will set out the key actions for the council.",
        "",
        [],
        [
            (
                "Complete the fresh analysis of Key Stage 4 attainment and present a paper on key actions",
                "head.education",
                date(2012, 4, 30),
                "",
            )
        ],
    ),
    "Children's social care: contacts, caseloads and the workforce": (
        "actions",
        "High contacts and caseloads; recruiting and retaining experienced social workers is a challenge.",
        "",
        [],
        [
            (
                "Develop a business case for changes to recruitment and retention packages",
                "head.childrens",
                date(2012, 5, 31),
                "",
            )
        ],
    ),
    "Deployment of skills across the organisation": (
        "theme",
        "Wider than project managers: analysts too.",
        "",
        ["Deployment of skills across the organisation"],
        [],
    ),
    "Evidence-basing": ("theme", "A question for the whole organisation.", "", ["Evidence-basing"], []),
    "Improving efficiency and effectiveness": (
        "theme",
        "Value for money across the organisation.",
        "",
        ["Efficiency and effectiveness"],
        [],
    ),
}

# Section 7 of the report: no corporate tracking of perceptions since statutory surveys
# ended; helpdesk learning is an area for development. Figures are illustrative.
USER_VOICE = [
    (
        "helpdesk",
        "Learning from city helpdesk calls",
        ["Customer Services and City Helpdesk"],
        "The city helpdesk receives the majority of the council's calls from the public, but routine learning "
        "from them is an area for development.",
        "Illustrative: 41,000 calls this quarter; 18% about waste collection; 9% about council tax.",
        "Customer Management and Knowledge Management workstreams to agree how services learn from calls.",
    ),
    (
        "survey",
        "No corporate tracking of service users' perceptions",
        [],
        "With statutory service-user surveys (such as the MORI poll) abolished, general satisfaction and whether "
        "residents believe the council gives value for money are not routinely tracked. Services still consult "
        "on specific issues.",
        "",
        "How to fill the gap is being discussed by the Transformation Programme workstreams.",
    ),
]

THEME_ACTIONS = [
    (
        "Revisit the deployment of skills, starting with project management",
        "Deployment of skills across the organisation",
        "head.projects",
        date(2012, 6, 30),
        "",
    ),
    (
        "Put customers at the heart of service design",
        "Customer focus",
        "head.customer",
        date(2012, 9, 30),
        "Transformation Programme – Customer Management workstream",
    ),
    (
        "State the evidence base and expected impact of new initiatives",
        "Evidence-basing",
        "head.strategy",
        date(2012, 9, 30),
        "Transformation Programme – Knowledge Management workstream",
    ),
]


@transaction.atomic
def load_sessions(people: dict[str, User]) -> None:
    officer = people["strategy.officer"]
    quarter = Quarter.objects.get(financial_year__start_year=2011, number=3)
    if BoardSession.objects.filter(quarter=quarter).exists():
        return
    themes = {}
    for name, (description, response) in THEMES.items():
        themes[name], _ = Theme.objects.get_or_create(
            name=name, defaults={"description": description, "response": response, "status": Theme.Status.RESPONDED}
        )
    directors = [
        people[name] for name in ("director.regeneration", "director.people", "director.children", "director.resources")
    ]
    for grouping_name, on in SESSIONS.items():
        session = services.schedule_session(
            quarter=quarter,
            grouping=DmtGrouping.objects.get(name=grouping_name),
            on=on,
            attendees=directors,
            by=officer,
        )
        for item in session.agenda.select_related("worry"):
            result, discussion, learning, theme_names, actions = OUTCOMES[item.worry.title]
            outcome = services.record_outcome(
                item=item,
                by=officer,
                discussion=discussion,
                result=result,
                learning=learning,
                themes=[themes[name] for name in theme_names],
                report_to_committee=True,  # the reference report raises every worry the Board discussed
            )
            for title, owner, due, programme in actions:
                services.agree_action(
                    by=officer, title=title, owner=people[owner], due=due, outcome=outcome, programme=programme
                )
    for title, theme, owner, due, programme in THEME_ACTIONS:
        services.agree_action(
            by=officer, title=title, owner=people[owner], due=due, theme=themes[theme], programme=programme
        )
    for session in BoardSession.objects.filter(quarter=quarter, kind=BoardSession.Kind.GROUPING):
        load_annex(session, people)
    services.schedule_session(quarter=quarter, grouping=None, on=date(2012, 2, 21), attendees=directors, by=officer)
    for source, title, names, summary, figures, changes in USER_VOICE:
        services.save_user_voice(
            by=officer,
            quarter=quarter,
            source=source,
            title=title,
            services=list(Service.objects.filter(name__in=names)),
            summary=summary,
            key_figures=figures,
            changes=changes,
        )


# Notes on areas of concern, illustrative: (contributor, service, concern, rating, source)
NOTES = {
    "Regeneration": [
        (
            "projects.contributor",
            "Employment and Skills",
            "The city-wide employment strategy has no agreed milestones yet.",
            "medium",
            "Programme board, Dec 2011",
        ),
    ],
    "People": [
        (
            "risk.contributor",
            "Sport and Active Lifestyles",
            "Leisure contract renewal is on the corporate risk register.",
            "medium",
            "Risk register CR-14",
        ),
        (
            "audit.contributor",
            "Customer Services and City Helpdesk",
            "Call-handling data is not used to improve services.",
            "low",
            "Audit report 2011/27",
        ),
    ],
    "Children and young people, also including Audit and Performance Management": [
        (
            "audit.contributor",
            "Children's Social Care",
            "Caseload allocation records are incomplete in some teams.",
            "high",
            "Audit report 2011/31",
        ),
        (
            "risk.contributor",
            "Children's Social Care",
            "Recruitment and retention of experienced social workers is a corporate risk.",
            "high",
            "Risk register CR-3",
        ),
        (
            "projects.contributor",
            "Education Standards",
            "The schools commissioning project depends on the fresh KS4 analysis.",
            "medium",
            "Project PID-22",
        ),
    ],
}


def load_annex(session: BoardSession, people: dict[str, User]) -> None:
    """The grouping's indicators and this year's measures, the contributors' notes, and
    the annex marked ready, as the Strategy Unit would have it before the session."""
    officer = people["strategy.officer"]
    grouping_services = session.grouping.services.all()
    annex = annex_for(session)
    set_annex_contents(
        annex=annex,
        indicators=list(BenchmarkIndicator.objects.filter(services__in=grouping_services).distinct()),
        measures=list(
            Measure.objects.filter(
                plan__service__in=grouping_services, plan__financial_year=session.quarter.financial_year
            )
        ),
        by=officer,
    )
    for contributor, service, concern, rating, source in NOTES[session.grouping.name]:
        save_note(
            annex=annex,
            by=people[contributor],
            service=Service.objects.get(name=service),
            concern=concern,
            rating=rating,
            source_reference=source,
        )
    mark_annex_ready(annex=annex, by=officer)


@transaction.atomic
def complete_the_actions(quarter: Quarter) -> None:
    """Each owner reports their action from Q3's Board complete in ``quarter`` (Q4), after
    the Q3 report is published, so that the demo's action plan is up to date, not overdue."""
    for action in Action.objects.exclude(updates__quarter=quarter).select_related("owner"):
        services.update_action_progress(
            action=action,
            by=action.owner,
            quarter=quarter,
            status=Action.Status.COMPLETE,
            commentary=f"Complete, as reported to the Board in {quarter.label}.",
        )
