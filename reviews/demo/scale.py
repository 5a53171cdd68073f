"""A council many times the size of a real one, for benchmarks and for query-count tests
at two sizes: directorates, services with their heads, DMT groupings, agreed plans with
their measures, figures entered by the heads (with who and when, as the product stores
them), submitted worry lists, and the Board's quarter: a held session for each grouping
with every worry discussed, actions agreed on most (a few raised with the committee),
and a ready annex of the grouping's measures, benchmark indicators and contributors'
notes. Deterministic: the same size and seed make the same council.

A real council here is 30 services in 3 groupings, 200 measures a service, about 22
worries a service a quarter and about 500 actions (issue 13's measurements are at ten
times that). Rows are written in bulk, without history: this is data to measure with,
not a record.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from perfmgmt.figures import Unit
from perfmgmt.models import (
    BenchmarkIndicator,
    BenchmarkValue,
    BusinessPlan,
    Directorate,
    DmtGrouping,
    Measure,
    MeasureFigure,
    Quarter,
    Service,
    User,
)
from perfmgmt.rag import Polarity, Rag, rag_status
from perfmgmt.roles import ContributorArea, Role
from reviews.models import Action, AgendaItem, Annex, AnnexNote, BoardSession, Outcome
from worrylists.models import Worry, WorryList

# What each grouping's annex holds: the first few measures of each of its services, and
# a few of the council's benchmark indicators.
ANNEX_MEASURES_A_SERVICE = 5
ANNEX_INDICATORS = 3
INDICATORS_A_GROUPING = 4
# Worries raised with the committee, a session; an action is agreed on three worries in four.
RAISED_A_SESSION = 2

REAL_COUNCIL = {"directorates": 3, "groupings": 3, "services": 30, "measures": 200, "worries": 22}


@dataclass(frozen=True)
class Size:
    directorates: int
    groupings: int
    services: int
    measures: int  # a service
    worries: int  # a service, on its list for the quarter

    @classmethod
    def times(cls, times: float) -> "Size":
        def scaled(name: str, per_service: bool = False) -> int:
            return max(1, round(REAL_COUNCIL[name] * (1 if per_service else times)))

        return cls(
            scaled("directorates"),
            scaled("groupings"),
            scaled("services"),
            scaled("measures", per_service=True),
            scaled("worries", per_service=True),
        )


@dataclass(frozen=True)
class FigureSpec:
    target: Decimal
    actual: Decimal


def figures(seed: int, size: Size, quarters: int) -> list[list[list[FigureSpec]]]:
    """Each service's measures' figures for quarters 1 to `quarters`: the same for the same
    seed and size."""
    rng = random.Random(seed)  # noqa: S311  # made-up figures, not secrets  # nosec B311
    out = []
    for _ in range(size.services):
        service = []
        for _ in range(size.measures):
            target = Decimal(rng.randrange(40, 95))
            service.append([FigureSpec(target, target + Decimal(rng.randrange(-15, 10))) for _ in range(quarters)])
        out.append(service)
    return out


@transaction.atomic
def load_scale(*, times: float, seed: int, quarter: Quarter) -> dict[str, int]:
    """The council, added beside whatever is there; its names carry the seed, so a second
    load with the same seed is refused rather than doubled."""
    size = Size.times(times)
    tag = f"S{seed}"
    if Service.objects.filter(name__startswith=f"{tag} service").exists():
        raise ValueError(f"A council with seed {seed} is already loaded.")
    year = quarter.financial_year
    now = timezone.now()
    groups = {role: role.label for role in (Role.STRATEGIC_DIRECTOR, Role.HEAD_OF_SERVICE)}
    directors = _people(tag, "director", size.directorates, groups[Role.STRATEGIC_DIRECTOR])
    heads = _people(tag, "head", size.services, groups[Role.HEAD_OF_SERVICE])
    directorates = Directorate.objects.bulk_create(
        Directorate(name=f"{tag} directorate {n + 1}", strategic_director=director)
        for n, director in enumerate(directors)
    )
    services = Service.objects.bulk_create(
        Service(name=f"{tag} service {n + 1}", directorate=directorates[n % len(directorates)])
        for n in range(size.services)
    )
    Service.heads.through.objects.bulk_create(
        Service.heads.through(service_id=service.pk, user_id=head.pk)
        for service, head in zip(services, heads, strict=True)
    )
    groupings = DmtGrouping.objects.bulk_create(
        DmtGrouping(name=f"{tag} grouping {n + 1}") for n in range(size.groupings)
    )
    DmtGrouping.services.through.objects.bulk_create(
        DmtGrouping.services.through(dmtgrouping_id=groupings[n % len(groupings)].pk, service_id=service.pk)
        for n, service in enumerate(services)
    )
    plans = BusinessPlan.objects.bulk_create(
        BusinessPlan(service=service, financial_year=year, purpose="Generated.", status=BusinessPlan.Status.AGREED)
        for service in services
    )
    quarters = list(year.quarters.filter(number__lte=quarter.number).order_by("number"))
    specs = figures(seed, size, len(quarters))
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            title=f"Measure {m + 1} of {plan.service.name}",
            unit=Unit.PERCENTAGE,
            polarity=Polarity.HIGHER_IS_BETTER,
            year_end_target=specs[s][m][-1].target,
            amber_tolerance=Decimal(5),
            position=m + 1,
        )
        for s, plan in enumerate(plans)
        for m in range(size.measures)
    )
    rows = []
    for index, measure in enumerate(measures):
        s, m = divmod(index, size.measures)
        for spec, when in zip(specs[s][m], quarters, strict=True):
            status = rag_status(
                actual=spec.actual, target=spec.target, tolerance=Decimal(5), polarity=Polarity.HIGHER_IS_BETTER
            )
            rows.append(
                MeasureFigure(
                    measure=measure,
                    quarter=when,
                    target=spec.target,
                    actual=spec.actual,
                    commentary="Below target; raised on the worry list." if status == Rag.RED else "",
                    entered_at=now,
                    entered_by=heads[s],
                )
            )
    MeasureFigure.objects.bulk_create(rows, batch_size=5_000)
    lists = WorryList.objects.bulk_create(
        WorryList(
            service=service,
            quarter=quarter,
            status=WorryList.Status.SUBMITTED,
            started_by=head,
            submitted_at=now,
            submitted_by=head,
        )
        for service, head in zip(services, heads, strict=True)
    )
    worries = Worry.objects.bulk_create(
        (
            Worry(
                worry_list=worry_list,
                kind=Worry.Kind.PERFORMANCE if w % 3 else Worry.Kind.BARRIER,
                title=f"Worry {w + 1} of {worry_list.service.name}",
                evidence="Generated evidence.",
                position=w + 1,
            )
            for worry_list in lists
            for w in range(size.worries)
        ),
        batch_size=5_000,
    )
    board = _board(
        tag,
        quarter,
        groupings=groupings,
        services=services,
        heads=heads,
        measures=measures,
        worries=worries,
        size=size,
        now=now,
    )
    return {
        "services": len(services),
        "groupings": len(groupings),
        "measures": len(measures),
        "figures": len(rows),
        "worries": len(worries),
        **board,
    }


def _board(tag, quarter, *, groupings, services, heads, measures, worries, size, now) -> dict[str, int]:
    """Each grouping's session held, every worry discussed, actions agreed and the annex
    ready: what the Board's quarter leaves for the committee report and its pack."""
    officer = _people(tag, "officer", 1, Role.STRATEGY_UNIT.label)[0]
    auditor = _people(tag, "auditor", 1, Role.CONTRIBUTOR.label)[0]
    User.objects.filter(pk=auditor.pk).update(contributor_area=ContributorArea.INTERNAL_AUDIT)
    grouping_of = {service.pk: groupings[n % len(groupings)] for n, service in enumerate(services)}
    head_of = {service.pk: head for service, head in zip(services, heads, strict=True)}
    sessions = BoardSession.objects.bulk_create(
        BoardSession(
            quarter=quarter,
            grouping=grouping,
            date=quarter.start + timedelta(days=40 + n % 30),
            status=BoardSession.Status.HELD,
            scheduled_by=officer,
        )
        for n, grouping in enumerate(groupings)
    )
    session_of = {session.grouping_id: session for session in sessions}
    service_of = {worry_list.pk: worry_list.service_id for worry_list in WorryList.objects.filter(quarter=quarter)}
    positions = dict.fromkeys(session_of, 0)
    items = []
    for worry in worries:
        grouping = grouping_of[service_of[worry.worry_list_id]]
        positions[grouping.pk] += 1
        items.append(AgendaItem(session=session_of[grouping.pk], worry=worry, position=positions[grouping.pk]))
    items = AgendaItem.objects.bulk_create(items, batch_size=5_000)
    outcomes = Outcome.objects.bulk_create(
        (
            Outcome(
                item=item,
                discussion="The Board discussed the worry and agreed how to respond.",
                result=Outcome.Result.ACTIONS if n % 4 != 3 else Outcome.Result.COMMITMENT,
                report_to_committee=item.position <= RAISED_A_SESSION,
                recorded_by=officer,
            )
            for n, item in enumerate(items)
        ),
        batch_size=5_000,
    )
    statuses = list(Action.Status)
    actions = Action.objects.bulk_create(
        (
            Action(
                title=f"Act on {item.worry.title}",
                owner=head_of[service_of[item.worry.worry_list_id]],
                due_date=quarter.end + timedelta(days=30 + n % 90),
                outcome=outcome,
                status=statuses[n % len(statuses)],
                agreed_by=officer,
            )
            for n, (item, outcome) in enumerate(zip(items, outcomes, strict=True))
            if outcome.result == Outcome.Result.ACTIONS
        ),
        batch_size=5_000,
    )
    indicators = BenchmarkIndicator.objects.bulk_create(
        BenchmarkIndicator(
            code=f"{tag}-I{n + 1}",
            title=f"Indicator {n + 1} ({tag})",
            unit=Unit.PERCENTAGE,
            polarity=Polarity.HIGHER_IS_BETTER,
        )
        for n in range(INDICATORS_A_GROUPING * len(groupings))
    )
    BenchmarkValue.objects.bulk_create(
        BenchmarkValue(
            indicator=indicator,
            financial_year=quarter.financial_year,
            value=Decimal(50 + n % 40),
            rank=1 + n % 150,
            rank_out_of=152,
        )
        for n, indicator in enumerate(indicators)
    )
    annexes = Annex.objects.bulk_create(Annex(session=session, ready_at=now, ready_by=officer) for session in sessions)
    annex_of = {annex.session.grouping_id: annex for annex in annexes}
    Annex.measures.through.objects.bulk_create(
        (
            Annex.measures.through(annex_id=annex_of[grouping_of[service.pk].pk].pk, measure_id=measure.pk)
            for s, service in enumerate(services)
            for measure in measures[s * size.measures : s * size.measures + ANNEX_MEASURES_A_SERVICE]
        ),
        batch_size=5_000,
    )
    Annex.indicators.through.objects.bulk_create(
        Annex.indicators.through(annex_id=annex.pk, benchmarkindicator_id=indicators[n * INDICATORS_A_GROUPING + i].pk)
        for n, annex in enumerate(annexes)
        for i in range(ANNEX_INDICATORS)
    )
    AnnexNote.objects.bulk_create(
        AnnexNote(
            annex=annex_of[grouping_of[service.pk].pk],
            area=ContributorArea.INTERNAL_AUDIT,
            service=service,
            concern=f"An audit of {service.name} found controls to strengthen.",
            rating=AnnexNote.Rating.MEDIUM,
            author=auditor,
        )
        for service in services
    )
    return {"sessions": len(sessions), "actions": len(actions), "annexes": len(annexes)}


def _people(tag: str, kind: str, count: int, group_name: str) -> list[User]:
    """People who cannot sign in (no usable password): they own what they enter."""
    people = [
        User(username=f"{tag.lower()}-{kind}-{n + 1}", first_name=kind.capitalize(), last_name=f"{n + 1}")
        for n in range(count)
    ]
    for person in people:
        person.set_unusable_password()
    people = User.objects.bulk_create(people)
    group = Group.objects.get(name=group_name)
    User.groups.through.objects.bulk_create(User.groups.through(user_id=p.pk, group_id=group.pk) for p in people)
    return people
