"""One factory per model of the core; roles are given by name, as people think of them."""

import factory
from django.contrib.auth.models import Group

from perfmgmt.models import Directorate, DmtGrouping, FinancialYear, Quarter, Service, User
from perfmgmt.roles import Role

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
