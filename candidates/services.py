"""Writes on people and dossiers. Each service is one transaction and validates what it saves."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction

from .models import DABM, Dossier, User


@transaction.atomic
def user_create(
    *, username: str, email: str, password: str, role: str, first_name: str = "", last_name: str = ""
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


@transaction.atomic
def dossier_create(
    *,
    candidate: User,
    counsellor: User,
    dabm: DABM,
    start_date: datetime.date,
    end_date: datetime.date,
    remote: bool = True,
    on_site: bool = False,
    phone: str = "",
) -> Dossier:
    dossier = Dossier(
        candidate=candidate,
        counsellor=counsellor,
        dabm=dabm,
        start_date=start_date,
        end_date=end_date,
        remote=remote,
        on_site=on_site,
        phone=phone,
    )
    dossier.full_clean()
    dossier.save()
    return dossier
