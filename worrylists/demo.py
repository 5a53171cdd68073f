"""Demo worry lists: the Q3 2011/12 worries behind the reference report (section 5), spread
over the three DMT groupings; Housing and Property's list is still a draft after the
deadline, so the tracker has something to chase. Children's Social Care's worry was
carried forward from Q2. Idempotent, like the rest of the demo."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from perfmgmt.models import BenchmarkIndicator, Measure, Quarter, Service, User
from perfmgmt.upsert import upsert
from worrylists.models import Worry, WorryList

REASON = "Demo data"
P, B = Worry.Kind.PERFORMANCE, Worry.Kind.BARRIER

# service: (status, submitted on (day in January 2012), [worries])
# worry: (kind, title, evidence, impact, tried, ask, [measure titles], [indicator codes])
Q3_LISTS = {
    "Employment and Skills": (
        "submitted",
        10,
        [
            (
                P,
                "Tackling worklessness in younger people",
                "The council has agreed to promote work placements and apprenticeships to city employers, but "
                "only 7 staff "
                "are employed on these bases across the organisation.",
                "The council needs to be seen to act on this seriously to give credible leadership to city employers.",
                "A city-wide strategy to support the employment of young people is being developed.",
                "Reiterate the organisation's commitment and agree a package of actions across directorates, including "
                "using influence through contracting and commissioning.",
                ["Young people in apprenticeships and work placements at the council"],
                ["NEET-16-18"],
            )
        ],
    ),
    "Planning and Economic Growth": ("submitted", 12, []),
    "Housing and Property": ("draft", None, []),
    "Sport and Active Lifestyles": (
        "submitted",
        9,
        [
            (
                P,
                "Active lifestyles",
                "Despite a great seafront, open spaces, generally flat roads and good community sports facilities "
                "(notably Mountbatten), the proportion of residents reporting an active lifestyle is small.",
                "Residents miss the proven health benefits of an active lifestyle.",
                "Programmes at community sports facilities; visits are close to target.",
                "Help us work better with Health Development and Improvement and Public Health colleagues to refocus "
                "their activity, and make better use of influence through commissioning and contracting.",
                ["Adults reporting an active lifestyle"],
                ["ACT-ADULT"],
            )
        ],
    ),
    "Customer Services and City Helpdesk": (
        "submitted",
        11,
        [
            (
                B,
                "Customer focus",
                "There is more to do to put customers at the heart of what we do: properly understanding who our "
                "customers are, and designing services that meet their needs first and foremost.",
                "Services are designed around the organisation rather than its customers.",
                "Work under the Customer Management workstream of the Transformation Programme.",
                "Agree how services will learn routinely from the city helpdesk's calls.",
                ["Calls to the city helpdesk answered within 20 seconds"],
                ["CUST-COST"],
            )
        ],
    ),
    "Adult Social Care": ("submitted", 12, []),
    "Human Resources": ("submitted", 13, []),
    "Health Development and Improvement": ("submitted", 13, []),
    "Education Standards": (
        "submitted",
        9,
        [
            (
                P,
                "Educational attainment at Key Stage 4",
                "Attainment at Key Stage 4 (GCSE) has been, and remains, probably the council's single most "
                "significant "
                "performance issue. In the last round of results Portsmouth was rated 148th out of 152 authorities.",
                "A city with serious ambitions for regeneration needs a skilled local workforce.",
                "Various initiatives have delivered small year-on-year improvements but not the step change needed.",
                "Support a fresh analysis that takes in the new education landscape, and a detailed paper on the key "
                "actions for the council, including how the business community can be involved.",
                ["Pupils achieving 5 or more A* to C GCSEs including English and maths"],
                ["KS4-5AC-EM"],
            )
        ],
    ),
    "Children's Social Care": (
        "submitted",
        10,
        [
            (
                P,
                "Children's social care: contacts, caseloads and the workforce",
                "Merefield House received 17,000 contacts last year. In July 2011 referrals reached their "
                "highest level "
                "since the council became a unitary authority, and that level has been maintained. Caseloads are high "
                "and casework complex.",
                "Retaining experienced social workers and recruiting senior practitioners and managers is hard.",
                "Work with other agencies to reduce inappropriate referrals.",
                "Support a business case for changes to recruitment and retention packages.",
                [
                    "Contacts received at Merefield House",
                    "Referrals to children's social care",
                    "Average caseload per qualified social worker",
                ],
                ["CSC-REF-10K"],
            )
        ],
    ),
    "Corporate Projects": (
        "submitted",
        11,
        [
            (
                B,
                "Deployment of skills across the organisation",
                "Project managers are not always where the council's priorities are. The same applies to other skill "
                "sets, such as analysts.",
                "Priority work waits for skills the organisation has elsewhere.",
                "Projects borrow staff case by case.",
                "Consider whether we have the skills we need, and whether we are agile enough at deploying "
                "them to areas "
                "of priority, starting with project management.",
                [],
                [],
            )
        ],
    ),
    "Strategy Unit": (
        "submitted",
        11,
        [
            (
                B,
                "Evidence-basing",
                "We are not strong enough at developing evidence bases for initiatives and stating the impact "
                "we expect "
                "them to have.",
                "Initiatives are hard to evaluate and to compare.",
                "The knowledge management workstream of the Transformation Programme.",
                "Agree that new initiatives state their evidence base and expected impact.",
                [],
                [],
            )
        ],
    ),
    "Internal Audit and Performance Improvement": (
        "submitted",
        12,
        [
            (
                B,
                "Improving efficiency and effectiveness",
                "The Transformation Programme is the flagship for how our work can be transformed, but a number of "
                "issues lie outside it, for example our approach to value for money across the organisation.",
                "Value for money is not looked at consistently across services.",
                "Reviews within the Transformation Programme.",
                "Open a dialogue on the issues outside the Transformation Programme, starting with value for money.",
                [],
                [],
            )
        ],
    ),
    "Risk Management": ("submitted", 12, []),
}

Q2_CARRIED = (
    "Children's Social Care",
    "Caseloads and retention of experienced social workers",
    "Caseloads are rising and experienced social workers are leaving.",
)


def _when(day: int) -> datetime:
    return timezone.make_aware(datetime(2012, 1, day, 15, 30))


@transaction.atomic
def load_worry_lists(people: dict[str, User]) -> None:
    q2 = Quarter.objects.get(financial_year__start_year=2011, number=2)
    q3 = Quarter.objects.get(financial_year__start_year=2011, number=3)

    service_name, title, evidence = Q2_CARRIED
    service = Service.objects.get(name=service_name)
    head = service.heads.first()
    earlier_list = upsert(
        WorryList,
        {"service": service, "quarter": q2},
        {
            "status": WorryList.Status.SUBMITTED,
            "started_by": head,
            "submitted_by": head,
            "submitted_at": timezone.make_aware(datetime(2011, 10, 12, 11)),
        },
        reason=REASON,
    )[0]
    earlier = upsert(
        Worry,
        {"worry_list": earlier_list, "title": title},
        {"kind": P, "evidence": evidence, "ask": "Note the pressure on the workforce.", "position": 1},
        reason=REASON,
    )[0]

    for name, (status, day, worries) in Q3_LISTS.items():
        service = Service.objects.get(name=name)
        head = service.heads.first()
        worry_list = upsert(
            WorryList,
            {"service": service, "quarter": q3},
            {
                "status": status,
                "started_by": head,
                "submitted_by": head if day else None,
                "submitted_at": _when(day) if day else None,
                "submitted_late": bool(day and day > q3.worry_list_deadline.day),
            },
            reason=REASON,
        )[0]
        for position, (kind, title, evidence, impact, tried, ask, measures, codes) in enumerate(worries, start=1):
            carried = earlier if name == Q2_CARRIED[0] else None
            worry = upsert(
                Worry,
                {"worry_list": worry_list, "title": title},
                {
                    "kind": kind,
                    "evidence": evidence,
                    "impact": impact,
                    "tried": tried,
                    "ask": ask,
                    "position": position,
                    "carried_from": carried,
                    "quarters_open": 2 if carried else 1,
                },
                reason=REASON,
            )[0]
            wanted_measures = set(
                Measure.objects.filter(
                    plan__service=service, plan__financial_year=q3.financial_year, title__in=measures
                )
            )
            if set(worry.measures.all()) != wanted_measures:
                worry.measures.set(wanted_measures)
            wanted_indicators = set(BenchmarkIndicator.objects.filter(code__in=codes))
            if set(worry.indicators.all()) != wanted_indicators:
                worry.indicators.set(wanted_indicators)
