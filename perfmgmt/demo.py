"""Demo data for the core: the council behind the reference committee report.

Portsmouth City Council's Quarter 3 2011/12 performance update names three DMT groupings
that met the Strategic Directors Board (Regeneration; People; Children and young people,
also including Audit and Performance Management) and raises issues that imply the
services below. People other than the report's author are fictional.

Every function here is idempotent: running it again changes nothing that is already right
and so adds nothing to the history.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone

from perfmgmt.figures import Unit
from perfmgmt.models import (
    BenchmarkIndicator,
    BusinessPlan,
    Directorate,
    DmtGrouping,
    FinancialYear,
    Measure,
    MeasureFigure,
    Objective,
    Quarter,
    Service,
    User,
)
from perfmgmt.rag import Polarity, Rag, rag_status
from perfmgmt.roles import ContributorArea, Role
from perfmgmt.upsert import upsert as save_if_changed

CHANGE_REASON = "Demo data"


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    job_title: str
    roles: tuple[Role, ...]
    contributor_area: str = ""
    is_staff: bool = False


# The sign-in for each role that the README and the command's output point to.
ROLE_LOGINS = {
    Role.HEAD_OF_SERVICE: "head.education",
    Role.STRATEGIC_DIRECTOR: "director.children",
    Role.STRATEGY_UNIT: "strategy.officer",
    Role.CONTRIBUTOR: "audit.contributor",
    Role.LEGAL_ADVISER: "head.legal",
    Role.FINANCE_ADVISER: "head.finance",
    Role.COMMITTEE_CLERK: "committee.clerk",
    Role.MEMBER: "councillor",
    Role.ADMINISTRATOR: "admin",
}

HOS = (Role.HEAD_OF_SERVICE,)

PEOPLE = [
    # Strategic Directors
    Person("director.regeneration", "Alison", "Reeve", "Strategic Director, Regeneration", (Role.STRATEGIC_DIRECTOR,)),
    Person(
        "director.people", "Graham", "Okafor", "Strategic Director, Adults and Community", (Role.STRATEGIC_DIRECTOR,)
    ),
    Person(
        "director.children", "Diane", "Ashworth", "Strategic Director, Children's Services", (Role.STRATEGIC_DIRECTOR,)
    ),
    Person(
        "director.resources", "Martin", "Kaye", "Strategic Director, Corporate Services", (Role.STRATEGIC_DIRECTOR,)
    ),
    # Heads of service
    Person("head.employment", "Kerry", "Walsh", "Head of Employment and Skills", HOS),
    Person("head.planning", "Owen", "Pritchard", "Head of Planning and Economic Growth", HOS),
    Person("head.housing", "Sunita", "Malik", "Head of Housing and Property", HOS),
    Person("head.sport", "Ben", "Holloway", "Head of Sport and Active Lifestyles", HOS),
    Person("head.adults", "Fiona", "Grant", "Head of Adult Social Care", HOS),
    Person("head.health", "Ravi", "Chandra", "Head of Health Development and Improvement", HOS),
    Person("head.education", "Helen", "Price", "Head of Education Standards", HOS),
    Person("head.childrens", "Marcus", "Dean", "Head of Children's Social Care", HOS),
    Person("head.hr", "Claire", "Benson", "Head of Human Resources", HOS),
    Person("head.customer", "Paul", "Norris", "Head of Customer Services", HOS),
    Person("head.strategy", "Nadia", "Rahman", "Head of the Strategy Unit", HOS),
    Person("jon.bell", "Jon", "Bell", "Head of Audit and Performance Improvement", HOS),
    Person("head.projects", "Gareth", "Lloyd", "Head of Corporate Projects", HOS),
    Person("head.legal", "Elaine", "Murray", "Head of Legal Services", (*HOS, Role.LEGAL_ADVISER)),
    Person("head.finance", "Simon", "Tate", "Head of Finance", (*HOS, Role.FINANCE_ADVISER)),
    # Strategy Unit, contributors, clerks, members, administrator
    Person(
        "strategy.officer", "Priya", "Shah", "Performance Officer, Strategy Unit", (Role.STRATEGY_UNIT,), is_staff=True
    ),
    Person("audit.contributor", "Lisa", "Hall", "Senior Auditor", (Role.CONTRIBUTOR,), ContributorArea.INTERNAL_AUDIT),
    Person(
        "projects.contributor",
        "Dev",
        "Patel",
        "Programme Manager",
        (Role.CONTRIBUTOR,),
        ContributorArea.CORPORATE_PROJECTS,
    ),
    Person("risk.contributor", "Joanne", "Fry", "Risk Manager", (Role.CONTRIBUTOR,), ContributorArea.RISK_MANAGEMENT),
    Person("committee.clerk", "Tom", "Bridges", "Democratic Services Officer", (Role.COMMITTEE_CLERK,)),
    Person("councillor", "Ann", "Whitfield", "Councillor, Governance and Audit Committee", (Role.MEMBER,)),
    Person("admin", "Sam", "Carter", "Systems Administrator", (Role.ADMINISTRATOR,), is_staff=True),
]

DIRECTORATES = {
    "Regeneration": "director.regeneration",
    "Adults and Community": "director.people",
    "Children's Services": "director.children",
    "Corporate Services": "director.resources",
}

# service name: (directorate, head's username, description)
SERVICES = {
    "Employment and Skills": (
        "Regeneration",
        "head.employment",
        "Tackles worklessness, including the city-wide strategy for the employment of young people "
        "through work placements and apprenticeships.",
    ),
    "Planning and Economic Growth": ("Regeneration", "head.planning", "Planning, regeneration and inward investment."),
    "Housing and Property": (
        "Regeneration",
        "head.housing",
        "Council housing, housing options and the council's estate.",
    ),
    "Sport and Active Lifestyles": (
        "Adults and Community",
        "head.sport",
        "Community sports facilities (including Mountbatten), seafront and open-space activity, and active "
        "lifestyle programmes.",
    ),
    "Adult Social Care": (
        "Adults and Community",
        "head.adults",
        "Care and support for adults, including the work opportunities programme for people with learning "
        "disabilities.",
    ),
    "Health Development and Improvement": (
        "Adults and Community",
        "head.health",
        "Health improvement work with Public Health colleagues.",
    ),
    "Education Standards": (
        "Children's Services",
        "head.education",
        "School improvement and educational attainment, including Key Stage 4 (GCSE) results.",
    ),
    "Children's Social Care": (
        "Children's Services",
        "head.childrens",
        "Contact, referral and assessment (Merefield House), safeguarding and looked-after children.",
    ),
    "Human Resources": (
        "Corporate Services",
        "head.hr",
        "Recruitment, retention, workforce development and deployment.",
    ),
    "Customer Services and City Helpdesk": (
        "Corporate Services",
        "head.customer",
        "The city helpdesk, which takes most of the council's calls from the public.",
    ),
    "Strategy Unit": (
        "Corporate Services",
        "head.strategy",
        "Corporate strategy, performance and the annexes for the Board.",
    ),
    "Internal Audit and Performance Improvement": (
        "Corporate Services",
        "jon.bell",
        "Internal audit and corporate performance management.",
    ),
    "Corporate Projects": (
        "Corporate Services",
        "head.projects",
        "The Transformation Programme and corporate projects.",
    ),
    "Risk Management": ("Corporate Services", "head.projects", "Corporate risk management and the risk register."),
    "Legal Services": ("Corporate Services", "head.legal", "Legal advice to the council."),
    "Finance": ("Corporate Services", "head.finance", "Financial management, budgets and value for money."),
}

GROUPINGS = {
    "Regeneration": ["Employment and Skills", "Planning and Economic Growth", "Housing and Property"],
    "People": [
        "Sport and Active Lifestyles",
        "Adult Social Care",
        "Health Development and Improvement",
        "Human Resources",
        "Customer Services and City Helpdesk",
    ],
    "Children and young people, also including Audit and Performance Management": [
        "Education Standards",
        "Children's Social Care",
        "Internal Audit and Performance Improvement",
        "Strategy Unit",
        "Corporate Projects",
        "Risk Management",
    ],
}

# (start year, quarter number): (status, worry-list deadline)
QUARTERS = {
    (2010, 1): (Quarter.Status.CLOSED, None),
    (2010, 2): (Quarter.Status.CLOSED, None),
    (2010, 3): (Quarter.Status.CLOSED, None),
    (2010, 4): (Quarter.Status.CLOSED, None),
    (2011, 1): (Quarter.Status.CLOSED, date(2011, 7, 15)),
    (2011, 2): (Quarter.Status.CLOSED, date(2011, 10, 14)),
    (2011, 3): (Quarter.Status.OPEN, date(2012, 1, 13)),
    (2011, 4): (Quarter.Status.PLANNED, date(2012, 4, 13)),
}


def upsert[M: models.Model](model: type[M], lookup: dict, values: dict) -> M:
    return save_if_changed(model, lookup, values, reason=CHANGE_REASON)[0]


def _shared_password_hash(password: str) -> str:
    """One hash for every demo user: hashing is deliberately slow, so hash once (and
    not at all when the demo users already have this password)."""
    existing = User.objects.filter(username=PEOPLE[0].username).values_list("password", flat=True).first()
    if existing and check_password(password, existing):
        return existing
    return make_password(password)


@transaction.atomic
def load_organisation(*, password: str) -> dict[str, User]:
    """People, directorates, services, groupings and reporting periods. Every demo user's
    password is set to ``password``."""
    groups = {role: Group.objects.get(name=role.label) for role in Role}
    encoded_password = _shared_password_hash(password)
    people = {}
    for person in PEOPLE:
        user = upsert(
            User,
            {"username": person.username},
            {
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@example.org",
                "job_title": person.job_title,
                "contributor_area": person.contributor_area,
                "is_staff": person.is_staff,
                "is_active": True,
            },
        )
        if user.password != encoded_password:
            user.password = encoded_password
            user._change_reason = CHANGE_REASON
            user.save()
        user.groups.set([groups[role] for role in person.roles])
        people[person.username] = user

    directorates = {
        name: upsert(Directorate, {"name": name}, {"strategic_director": people[director]})
        for name, director in DIRECTORATES.items()
    }
    services = {}
    for name, (directorate, head, description) in SERVICES.items():
        service = upsert(
            Service, {"name": name}, {"directorate": directorates[directorate], "description": description}
        )
        service.heads.set([people[head]])
        services[name] = service
    for name, members in GROUPINGS.items():
        grouping = upsert(DmtGrouping, {"name": name}, {})
        grouping.services.set([services[member] for member in members])

    for (start_year, number), (status, deadline) in QUARTERS.items():
        year = upsert(FinancialYear, {"start_year": start_year}, {})
        upsert(Quarter, {"financial_year": year, "number": number}, {"status": status, "worry_list_deadline": deadline})
    return people


# Business plans and measures -------------------------------------------------------------
#
# Only two figures here come from the reference report: 7 young people in apprenticeships
# and work placements at the council (5.2), and about 17,000 contacts a year to children's
# social care (5.7). Every other figure is illustrative.

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


def _demo_commentary(title: str, number: int, start_year: int, status: Rag) -> str:
    """The report's words where it has them; otherwise, for a red figure (which must have
    commentary), an illustrative line that says so."""
    if (title, number, start_year) in COMMENTARY:
        return COMMENTARY[(title, number, start_year)]
    if status == Rag.RED:
        return "Illustrative demo commentary: below target; raised on the service's worry list."
    return ""


# Benchmark indicators: 148th of 152 for Key Stage 4 in 2010/11 is from the report (5.5);
# the rest is illustrative. They go through the same parser as an uploaded file.
_KS4 = (
    "KS4-5AC-EM",
    "Pupils achieving 5+ A*-C GCSEs including English and maths",
    "percentage",
    "higher",
    "CIPFA value for money toolkit",
    "All English single-tier authorities",
)
_REF = (
    "CSC-REF-10K",
    "Referrals to children's social care per 10,000 children",
    "number",
    "lower",
    "LG Inform",
    "CIPFA nearest neighbours",
)
_ACT = (
    "ACT-ADULT",
    "Adults taking part in sport and active recreation 3 times a week",
    "percentage",
    "higher",
    "LG Inform (Active People survey)",
    "CIPFA nearest neighbours",
)
_NEET = (
    "NEET-16-18",
    "16 to 18 year olds not in education, employment or training",
    "percentage",
    "lower",
    "LG Inform",
    "CIPFA nearest neighbours",
)
_COST = (
    "CUST-COST",
    "Cost per customer contact",
    "money",
    "lower",
    "CIPFA value for money toolkit",
    "CIPFA nearest neighbours",
)
# indicator, period, value, rank, out of, comparator average, quartile, England average
BENCHMARK_ROWS = [
    (*_KS4, "2009/10", "44.6", "150", "152", "54.8", "4", "55.2"),
    (*_KS4, "2010/11", "47.1", "148", "152", "58.2", "4", "58.9"),
    (*_REF, "2009/10", "612", "14", "16", "498", "4", "548"),
    (*_REF, "2010/11", "655", "15", "16", "512", "4", "557"),
    (*_ACT, "2009/10", "19.8", "12", "16", "21.5", "4", "21.9"),
    (*_ACT, "2010/11", "20.1", "11", "16", "21.8", "3", "22.1"),
    (*_NEET, "2010/11", "7.1", "9", "16", "6.9", "3", "6.1"),
    (*_COST, "2010/11", "3.85", "6", "16", "4.20", "2", ""),
]

BENCHMARK_SERVICES = {
    "KS4-5AC-EM": ["Education Standards"],
    "CSC-REF-10K": ["Children's Social Care"],
    "ACT-ADULT": ["Sport and Active Lifestyles", "Health Development and Improvement"],
    "NEET-16-18": ["Employment and Skills"],
    "CUST-COST": ["Customer Services and City Helpdesk"],
}


@transaction.atomic
def load_benchmarks(people: dict[str, User]) -> None:
    from perfmgmt import benchmark_csv, services

    text = io.StringIO()
    csv.writer(text).writerows([benchmark_csv.COLUMNS, *BENCHMARK_ROWS])
    parsed = benchmark_csv.parse(text.getvalue())
    if parsed.problems:
        raise ValueError(f"The demo benchmark rows have problems: {parsed.problems}")
    officer = people["strategy.officer"]
    services.apply_benchmark_rows(rows=parsed.rows, by=officer, reason=CHANGE_REASON)
    for code, names in BENCHMARK_SERVICES.items():
        indicator = BenchmarkIndicator.objects.get(code=code)
        wanted = set(Service.objects.filter(name__in=names))
        if set(indicator.services.all()) != wanted:
            services.link_indicator_to_services(indicator=indicator, services=list(wanted), by=officer)
