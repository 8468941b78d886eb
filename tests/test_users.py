import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from candidates import access
from candidates.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_unique_whatever_the_case_in_validation():
    UserFactory(email="Claire.Boad@Exemple.fr")
    twin = User(username="autre", email="claire.boad@exemple.FR")
    twin.set_password("un-mot-de-passe-solide")
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert error.value.message_dict["email"] == ["Un compte utilise déjà cette adresse de courriel."]


def test_email_is_unique_whatever_the_case_in_the_database():
    UserFactory(email="claire.boad@exemple.fr")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="autre", email="CLAIRE.BOAD@exemple.fr")


def test_a_user_may_keep_their_own_email():
    user = UserFactory(email="claire@exemple.fr")
    user.full_clean()


def test_the_four_roles_exist_with_their_permissions():
    groups = {g.name: g for g in Group.objects.prefetch_related("permissions__content_type")}
    assert set(access.BY_PRIORITY) <= set(groups)

    def perms(name):
        return {f"{p.content_type.app_label}.{p.codename}" for p in groups[name].permissions.all()}

    assert perms(access.CANDIDAT) == set()
    assert perms(access.CONSEILLER) == set()
    assert "wagtailadmin.access_admin" in perms(access.EDITEUR)
    assert "candidates.change_dabm" not in perms(access.EDITEUR)
    assert {"wagtailadmin.access_admin", "candidates.add_dabm", "candidates.change_user"} <= perms(
        access.ADMINISTRATEUR
    )

    def page_perms(name):
        return set(groups[name].page_permissions.values_list("permission__codename", flat=True))

    # Éditeurs edit and submit for « Relecture »; administrators approve, which publishes (home 0006).
    assert {"add_page", "change_page"} <= page_perms(access.EDITEUR)
    assert not {"publish_page", "bulk_delete_page"} & page_perms(access.EDITEUR)
    assert {"change_page", "publish_page"} <= page_perms(access.ADMINISTRATEUR)


def test_role_follows_priority():
    user = UserFactory(role=access.CANDIDAT)
    user.groups.add(Group.objects.get(name=access.CONSEILLER))
    assert User.objects.get(pk=user.pk).role == access.CONSEILLER
