"""Demo business plans, measures and figures for 2010/11 and 2011/12."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from perfmgmt.demo.organisation import upsert
from perfmgmt.figures import Unit
from perfmgmt.models import (
    BusinessPlan,
    FinancialYear,
    Measure,
    MeasureFigure,
    Objective,
    Quarter,
    Service,
    User,
)
from perfmgmt.rag import Polarity, Rag, rag_status

ILLUSTRATIVE = "Demo figure: illustrative, except where the Q3 2011/12 report gives it."


# service: (purpose, [(objective title, success)], [measure spec])
# measure spec: (title, unit, polarity, tolerance, objective index, owner, data source,
#                {start year: ([Q1-Q4 targets], [Q1-Q4 actuals])})
PLANS = {
    "Employment and Skills": (
        "Tackle worklessness in the city, especially among young people, and lead by example as an employer.",
        [("More young people in work and training", "Every young person leaving school has a route into work.")],
        [
            (
                "Young people in apprenticeships and work placements at the council",
                Unit.NUMBER,
                Polarity.HIGHER_IS_BETTER,
                "3",
                0,
                "head.employment",
                "HR establishment records",
                {2010: ([8, 10, 12, 15], [4, 5, 5, 6]), 2011: ([10, 15, 20, 25], [5, 6, 7, None])},
            ),
            (
                "16 to 18 year olds not in education, employment or training",
                Unit.PERCENTAGE,
                Polarity.LOWER_IS_BETTER,
                "0.5",
                0,
                "head.employment",
                "Connexions",
                {2010: ([7, 7, 7, 7], [7.6, 7.4, 7.2, 7.1]), 2011: ([6.8, 6.8, 6.8, 6.8], [7.0, 6.9, 6.7, None])},
            ),
        ],
    ),
    "Sport and Active Lifestyles": (
        "Help residents lead active lives, using the seafront, open spaces and community sports facilities.",
        [("More residents leading active lives", "The share of residents reporting an active lifestyle rises.")],
        [
            (
                "Adults reporting an active lifestyle",
                Unit.PERCENTAGE,
                Polarity.HIGHER_IS_BETTER,
                "1",
                0,
                "head.sport",
                "Active People survey",
                {
                    2010: ([22, 22, 22, 22], [19.5, 19.8, 20.1, 20.0]),
                    2011: ([23, 23, 23, 23], [20.2, 20.4, 20.1, None]),
                },
            ),
            (
                "Visits to community sports facilities",
                Unit.NUMBER,
                Polarity.HIGHER_IS_BETTER,
                "10000",
                0,
                "head.sport",
                "Leisure management system",
                {
                    2010: ([180000] * 4, [171000, 176500, 168200, 183000]),
                    2011: ([185000] * 4, [186400, 190100, 179300, None]),
                },
            ),
        ],
    ),
    "Education Standards": (
        "Raise attainment in the city's schools, working with schools as they commission the support they need.",
        [("Raise attainment at Key Stage 4", "GCSE results close the gap with similar authorities.")],
        [
            (
                "Pupils achieving 5 or more A* to C GCSEs including English and maths",
                Unit.PERCENTAGE,
                Polarity.HIGHER_IS_BETTER,
                "2",
                0,
                "head.education",
                "Department for Education",
                {
                    2010: ([None, None, 48, None], [None, None, 44.6, None]),
                    2011: ([None, None, 52, None], [None, None, 47.1, None]),
                },
            ),
        ],
    ),
    "Children's Social Care": (
        "Keep children safe, with the right workforce to manage contacts, referrals and complex casework.",
        [("A stable, experienced workforce", "Caseloads are manageable and experienced staff stay.")],
        [
            (
                "Contacts received at Merefield House",
                Unit.NUMBER,
                Polarity.LOWER_IS_BETTER,
                "250",
                0,
                "head.childrens",
                "Children's social care records",
                {2010: ([4000] * 4, [4180, 4260, 4310, 4250]), 2011: ([4000] * 4, [4290, 4410, 4380, None])},
            ),
            (
                "Referrals to children's social care",
                Unit.NUMBER,
                Polarity.LOWER_IS_BETTER,
                "50",
                0,
                "head.childrens",
                "Children's social care records",
                {2010: ([600] * 4, [610, 640, 655, 630]), 2011: ([600] * 4, [690, 760, 745, None])},
            ),
            (
                "Average caseload per qualified social worker",
                Unit.NUMBER,
                Polarity.LOWER_IS_BETTER,
                "2",
                0,
                "head.childrens",
                "Workforce returns",
                {2010: ([18] * 4, [19, 20, 21, 21]), 2011: ([18] * 4, [22, 23, 24, None])},
            ),
        ],
    ),
    "Customer Services and City Helpdesk": (
        "Answer the public quickly and learn from every call.",
        [("Customers served first time", "Most calls are resolved at first contact.")],
        [
            (
                "Calls to the city helpdesk answered within 20 seconds",
                Unit.PERCENTAGE,
                Polarity.HIGHER_IS_BETTER,
                "5",
                0,
                "head.customer",
                "Telephony system",
                {2010: ([80] * 4, [78, 81, 76, 79]), 2011: ([80] * 4, [82, 79, 77, None])},
            ),
        ],
    ),
    "Human Resources": (
        "Recruit, keep and deploy the skills the council needs.",
        [("Skills where they are needed", "Project managers and analysts work on the council's priorities.")],
        [
            (
                "Working days lost to sickness per employee",
                Unit.NUMBER,
                Polarity.LOWER_IS_BETTER,
                "0.2",
                0,
                "head.hr",
                "Payroll",
                {2010: ([2.0] * 4, [2.2, 2.1, 2.4, 2.3]), 2011: ([2.0] * 4, [2.1, 1.9, 2.2, None])},
            ),
        ],
    ),
}


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def load_plans(people: dict[str, User]) -> None:
    """Agreed plans for 2010/11 and 2011/12 with their measures, targets and actuals."""
    for service_name, (purpose, objectives, measures) in PLANS.items():
        service = Service.objects.get(name=service_name)
        director = service.directorate.strategic_director
        carried = {}
        for start_year in (2010, 2011):
            year = FinancialYear.objects.get(start_year=start_year)
            plan = upsert(
                BusinessPlan,
                {"service": service, "financial_year": year},
                {
                    "purpose": purpose,
                    "status": BusinessPlan.Status.AGREED,
                    "decided_by": director,
                    "submitted_by": people[service.heads.first().username],
                },
            )
            if plan.decided_at is None:
                BusinessPlan.objects.filter(pk=plan.pk).update(
                    decided_at=timezone.make_aware(datetime(start_year, 5, 20, 10)),
                    submitted_at=timezone.make_aware(datetime(start_year, 5, 6, 16)),
                )
            made = [
                upsert(Objective, {"plan": plan, "title": title}, {"success": success, "position": index + 1})
                for index, (title, success) in enumerate(objectives)
            ]
            for position, (title, unit, polarity, tolerance, objective, owner, source, figures) in enumerate(measures):
                measure = upsert(
                    Measure,
                    {"plan": plan, "title": title},
                    {
                        "definition": ILLUSTRATIVE,
                        "unit": unit,
                        "polarity": polarity,
                        "amber_tolerance": Decimal(tolerance),
                        "objective": made[objective],
                        "owner": people[owner],
                        "data_source": source,
                        "carried_from": carried.get(title),
                        "position": position + 1,
                        "year_end_target": _decimal(figures[start_year][0][3] or figures[start_year][0][2]),
                    },
                )
                carried[title] = measure
                targets, actuals = figures[start_year]
                for number, (target, actual) in enumerate(zip(targets, actuals, strict=True), start=1):
                    if target is None and actual is None:
                        continue
                    quarter = Quarter.objects.get(financial_year=year, number=number)
                    status = rag_status(
                        actual=_decimal(actual),
                        target=_decimal(target),
                        tolerance=Decimal(tolerance),
                        polarity=polarity,
                    )
                    upsert(
                        MeasureFigure,
                        {"measure": measure, "quarter": quarter},
                        {
                            "target": _decimal(target),
                            "actual": _decimal(actual),
                            "commentary": _demo_commentary(title, number, start_year, status),
                            "corrective_action": CORRECTIVE if status == Rag.RED else "",
                            "forecast": FORECASTS.get((title, number, start_year), ""),
                            "entered_by": people[owner] if actual is not None else None,
                        },
                    )


COMMENTARY = {
    ("Young people in apprenticeships and work placements at the council", 3, 2011): (
        "Only 7 staff are employed as apprentices or on work placements across the organisation. This is not "
        "good enough: a package of actions was agreed at the Strategic Directors Board."
    ),
    ("Contacts received at Merefield House", 3, 2011): (
        "Around 17,000 contacts a year, partly from inappropriate referrals by other agencies."
    ),
    ("Referrals to children's social care", 2, 2011): (
        "July 2011 saw the highest number of referrals since the council became a unitary authority, and the "
        "level has been maintained."
    ),
}


# Forecast year-end status given with the Q3 2011/12 figures.
FORECASTS = {
    ("Young people in apprenticeships and work placements at the council", 3, 2011): "red",
    ("Adults reporting an active lifestyle", 3, 2011): "red",
    ("Pupils achieving 5 or more A* to C GCSEs including English and maths", 3, 2011): "red",
    ("Contacts received at Merefield House", 3, 2011): "red",
    ("Referrals to children's social care", 3, 2011): "red",
    ("Average caseload per qualified social worker", 3, 2011): "red",
    ("Calls to the city helpdesk answered within 20 seconds", 3, 2011): "amber",
    ("Working days lost to sickness per employee", 3, 2011): "green",
    ("Visits to community sports facilities", 3, 2011): "green",
    ("16 to 18 year olds not in education, employment or training", 3, 2011): "green",
}


CORRECTIVE = "Illustrative demo corrective action: agreed at the Strategic Directors Board; see the action plan."


def _demo_commentary(title: str, number: int, start_year: int, status: Rag) -> str:
    """The report's words where it has them; otherwise, for a red figure (which must have
    commentary), an illustrative line that says so."""
    if (title, number, start_year) in COMMENTARY:
        return COMMENTARY[(title, number, start_year)]
    if status == Rag.RED:
        return "Illustrative demo commentary: below target; raised on the service's worry list."
    return ""
