"""Demo data for the core: the council behind the reference committee report.

Portsmouth City Council's Quarter 3 2011/12 performance update names three DMT groupings
that met the Strategic Directors Board (Regeneration; People; Children and young people,
also including Audit and Performance Management) and raises issues that imply the
services below. People other than the report's author are fictional.

Every function here is idempotent: running it again changes nothing that is already right
and so adds nothing to the history.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone

from perfmgmt.models import (
    Committee,
    Directorate,
    DmtGrouping,
    FinancialYear,
    Quarter,
    Service,
    User,
)
from perfmgmt.roles import ContributorArea, Role
from perfmgmt.services import open_quarter
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
    Role.EQUALITY_ADVISER: "equality.lead",
    Role.RISK_ADVISER: "risk.contributor",
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
    Person(
        "risk.contributor",
        "Joanne",
        "Fry",
        "Risk Manager",
        (Role.CONTRIBUTOR, Role.RISK_ADVISER),
        ContributorArea.RISK_MANAGEMENT,
    ),
    Person("equality.lead", "Grace", "Okafor", "Equality and Diversity Manager", (Role.EQUALITY_ADVISER,)),
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


# The committees that receive the quarterly performance report.
COMMITTEES = {
    "Governance and Audit Committee": "Receives the quarterly performance report.",
    "Cabinet": "Takes the key decisions; receives the quarterly performance report in its own format.",
    "Scrutiny Management Panel": "Reviews performance and may call in decisions.",
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
    (2011, 4): (Quarter.Status.PLANNED, None),  # opened last, by open_the_next_quarter
}

# Q4 2011/12 is the quarter a visitor works in; its deadlines are counted from the day the
# demo is loaded, so that nothing reads late that the visitor did not make so.
NEXT_QUARTER = (2011, 4)
DEADLINES_FROM_TODAY = {
    "worry_list_deadline": 14,
    "figures_deadline": 14,
    "annex_notes_deadline": 21,
    "action_updates_deadline": 21,
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
    for name, description in COMMITTEES.items():
        upsert(Committee, {"name": name}, {"description": description})

    for (start_year, number), (status, deadline) in QUARTERS.items():
        year = upsert(FinancialYear, {"start_year": start_year}, {})
        if (start_year, number) == NEXT_QUARTER:  # left as it is once opened
            Quarter.objects.get_or_create(financial_year=year, number=number)
        else:
            values = {"status": status, "worry_list_deadline": deadline}
            upsert(Quarter, {"financial_year": year, "number": number}, values)
    return people


@transaction.atomic
def open_the_next_quarter(people: dict[str, User]) -> Quarter | None:
    """Open Q4 2011/12, after Q3's history is in place, with deadlines from today. Once
    it is open, loading the demo again leaves it (and what the visitor did) as it is:
    None then."""
    start_year, number = NEXT_QUARTER
    quarter = Quarter.objects.select_related("financial_year").get(financial_year__start_year=start_year, number=number)
    if quarter.status != Quarter.Status.PLANNED:
        return None
    open_quarter(quarter=quarter, by=people["strategy.officer"])
    today = timezone.localdate()
    deadlines = {name: today + timedelta(days=days) for name, days in DEADLINES_FROM_TODAY.items()}
    return upsert(Quarter, {"pk": quarter.pk}, deadlines)
