"""One factory per model of the core; roles are given by name, as people think of them."""

from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from perfmgmt.figures import Unit
from perfmgmt.models import (
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
from perfmgmt.rag import Polarity
from perfmgmt.roles import Role
from worrylists.models import Worry, WorryList

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = factory.Sequence(lambda n: f"Morgan{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[Role(role).label for role in extracted]))


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate

    name = factory.Sequence(lambda n: f"Directorate {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    directorate = factory.SubFactory(DirectorateFactory)

    @factory.post_generation
    def heads(self, create, extracted, **kwargs):
        if create and extracted:
            self.heads.set(extracted)


class DmtGroupingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DmtGrouping
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Grouping {n}")

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)


class FinancialYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialYear
        django_get_or_create = ("start_year",)

    start_year = 2011


class QuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ("financial_year", "number")

    financial_year = factory.SubFactory(FinancialYearFactory)
    number = 3
    status = Quarter.Status.PLANNED


class OpenQuarterFactory(QuarterFactory):
    status = Quarter.Status.OPEN


class BusinessPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPlan

    service = factory.SubFactory(ServiceFactory)
    financial_year = factory.SubFactory(FinancialYearFactory)
    purpose = "To raise standards in every school."


class SubmittedPlanFactory(BusinessPlanFactory):
    status = BusinessPlan.Status.SUBMITTED


class AgreedPlanFactory(BusinessPlanFactory):
    status = BusinessPlan.Status.AGREED


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(BusinessPlanFactory)
    title = factory.Sequence(lambda n: f"Objective {n}")
    success = "Results improve every year."


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    plan = factory.SubFactory(BusinessPlanFactory)
    title = factory.Sequence(lambda n: f"Measure {n}")
    unit = Unit.PERCENTAGE
    polarity = Polarity.HIGHER_IS_BETTER
    amber_tolerance = Decimal("5")


class MeasureFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureFigure
        django_get_or_create = ("measure", "quarter")

    measure = factory.SubFactory(MeasureFactory)
    quarter = factory.SubFactory(OpenQuarterFactory)
    target = Decimal("50")


class WorryListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorryList

    service = factory.SubFactory(ServiceFactory)
    quarter = factory.SubFactory(OpenQuarterFactory)
    started_by = factory.LazyAttribute(lambda worry_list: worry_list.service.heads.first() or UserFactory())


class SubmittedWorryListFactory(WorryListFactory):
    status = WorryList.Status.SUBMITTED
    submitted_by = factory.LazyAttribute(lambda worry_list: worry_list.started_by)
    submitted_at = factory.LazyFunction(timezone.now)


class WorryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Worry

    worry_list = factory.SubFactory(WorryListFactory)
    kind = Worry.Kind.PERFORMANCE
    title = factory.Sequence(lambda n: f"Worry {n}")
    evidence = "Figures are falling."
    ask = "Help from the Board."
    position = factory.Sequence(lambda n: n + 1)
