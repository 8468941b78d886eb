import datetime

import factory
from django.contrib.auth.models import Group

from candidates import access
from candidates.models import DABM, Dossier, User

PASSWORD = "mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"personne{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"NOM{n}")
    password = factory.django.Password(PASSWORD)
    role = None

    @classmethod
    def _create(cls, model_class, *args, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user


class CounsellorFactory(UserFactory):
    role = access.CONSEILLER


class DABMFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DABM
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"DABM {n}")
    city = "Nîmes"


class CandidateFactory(UserFactory):
    role = access.CANDIDAT
    dossier = factory.RelatedFactory("tests.factories.DossierFactory", factory_related_name="candidate")


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    candidate = factory.SubFactory(UserFactory, role=access.CANDIDAT)
    counsellor = factory.SubFactory(CounsellorFactory)
    dabm = factory.SubFactory(DABMFactory)
    remote = True
    start_date = datetime.date(2026, 9, 1)
    end_date = datetime.date(2026, 12, 31)
