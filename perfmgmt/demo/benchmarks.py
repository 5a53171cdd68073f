"""Demo benchmark indicators from the CIPFA value-for-money toolkit."""

import csv
import io

from django.db import transaction

from perfmgmt.demo.organisation import CHANGE_REASON
from perfmgmt.models import (
    BenchmarkIndicator,
    Service,
    User,
)

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
    from perfmgmt.benchmarks import csv_import as benchmark_csv
    from perfmgmt.benchmarks import services

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
