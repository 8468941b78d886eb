"""Paramètres › Utilisateurs: the académie's staff only; only a superuser grants rights; every change journalled."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from candidates import access
from candidates.models import AuditEvent, User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

USERS = "/admin/users/"


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, first_name="Sophie", last_name="SUPER")


def group(name):
    return Group.objects.get(name=name)


def form_data(form, **changes):
    """What the browser sends for `form` as it is shown (its own fields and values), with `changes`."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def post_edit(client, user, **changes):
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, form_data(page.context["form"], **changes))


def account_entries(user):
    return AuditEvent.objects.filter(action=AuditEvent.Action.ACCOUNT_CHANGED, object_id=str(user.pk))


def escalation():
    return {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [str(group(access.ADMINISTRATEUR).pk), str(group(access.EDITEUR).pk)],
    }


# Only a superuser grants rights -----------------------------------------------------------------------


def test_an_administrator_cannot_make_an_editor_superuser_staff_or_administrator(client, administrator, editor):
    client.force_login(administrator)
    response = post_edit(client, editor, **escalation())
    assert response.status_code == 302
    editor = User.objects.get(pk=editor.pk)
    assert not editor.is_superuser and not editor.is_staff
    assert set(editor.groups.values_list("name", flat=True)) == {access.EDITEUR}


def test_an_administrator_cannot_make_themself_superuser_or_editor(client, administrator):
    client.force_login(administrator)
    post_edit(client, administrator, **escalation())
    administrator = User.objects.get(pk=administrator.pk)
    assert not administrator.is_superuser and not administrator.is_staff
    assert set(administrator.groups.values_list("name", flat=True)) == {access.ADMINISTRATEUR}


def test_an_administrator_sees_the_roles_but_cannot_change_them(client, administrator, editor):
    client.force_login(administrator)
    form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk])).context["form"]
    assert form.fields["groups"].disabled and form.fields["is_superuser"].disabled


def test_an_administrator_neither_opens_nor_lists_a_superuser(client, administrator, superuser):
    client.force_login(administrator)
    for name in ("edit", "delete", "history"):
        assert client.get(reverse(f"wagtailusers_users:{name}", args=[superuser.pk])).status_code == 404, name
    password = {"password1": "repris-par-un-autre", "password2": "repris-par-un-autre"}
    assert client.post(reverse("wagtailusers_users:edit", args=[superuser.pk]), password).status_code == 404
    assert "SUPER" not in client.get(USERS).content.decode()


def test_only_a_superuser_creates_accounts(client, administrator, superuser):
    data = {
        "username": "nouvel.admin",
        "email": "nouvel.admin@ac-exemple.fr",
        "first_name": "Nouvel",
        "last_name": "ADMIN",
        "password1": "un-mot-de-passe-bien-long",
        "password2": "un-mot-de-passe-bien-long",
        **escalation(),
    }
    client.force_login(administrator)
    assert client.get(reverse("wagtailusers_users:add")).status_code == 302  # « pas la permission »
    client.post(reverse("wagtailusers_users:add"), data)
    assert not User.objects.filter(username="nouvel.admin").exists()

    client.force_login(superuser)
    response = client.post(reverse("wagtailusers_users:add"), {**data, "is_superuser": ""})
    assert response.status_code == 302, response.context["form"].errors
    created = User.objects.get(username="nouvel.admin")
    assert created.role == access.ADMINISTRATEUR
    (entry,) = account_entries(created)
    assert entry.actor == superuser
    assert {"adresse de courriel", "mot de passe", "rôles"} <= set(entry.detail.split(", "))


def test_a_superuser_grants_a_role_and_the_change_is_journalled(client, superuser, editor):
    client.force_login(superuser)
    response = post_edit(
        client,
        editor,
        email="nouvelle.adresse@ac-exemple.fr",
        groups=[str(group(access.ADMINISTRATEUR).pk)],
        password1="un-autre-mot-de-passe-long",
        password2="un-autre-mot-de-passe-long",
    )
    assert response.status_code == 302, response.context["form"].errors
    editor = User.objects.get(pk=editor.pk)
    assert editor.role == access.ADMINISTRATEUR
    (entry,) = account_entries(editor)
    assert entry.actor == superuser and entry.actor_name == superuser.username
    assert entry.detail == "adresse de courriel, mot de passe, rôles"
    assert "nouvelle.adresse" not in entry.detail


def test_a_superuser_makes_an_administrator_superuser_and_it_is_journalled(client, superuser, administrator):
    client.force_login(superuser)
    post_edit(client, administrator, is_superuser="on")
    assert User.objects.get(pk=administrator.pk).is_superuser
    (entry,) = account_entries(administrator)
    assert entry.detail == "administrateur (superutilisateur)"


def test_saving_without_a_change_writes_nothing(client, superuser, editor):
    client.force_login(superuser)
    assert post_edit(client, editor).status_code == 302
    assert not account_entries(editor).exists()


def test_an_administrator_deactivating_an_editor_is_journalled(client, administrator, editor):
    client.force_login(administrator)
    post_edit(client, editor, is_active=None)
    assert not User.objects.get(pk=editor.pk).is_active
    (entry,) = account_entries(editor)
    assert entry.actor == administrator and entry.detail == "activation"


# Candidates and counsellors are not managed here ------------------------------------------------------


@pytest.mark.parametrize("who", ["administrator", "superuser"])
def test_candidates_and_counsellors_are_not_found_in_utilisateurs(client, request, who, candidate, counsellor, editor):
    client.force_login(request.getfixturevalue(who))
    listing = client.get(USERS).content.decode()
    assert editor.last_name in listing
    assert "BERNARD" not in listing and "BOAD" not in listing
    for person in (candidate, counsellor):
        for name in ("edit", "delete", "history", "usage"):
            url = reverse(f"wagtailusers_users:{name}", args=[person.pk])
            assert client.get(url).status_code == 404, url
        response = client.post(reverse("wagtailusers_users:edit", args=[person.pk]), escalation())
        assert response.status_code == 404
        person = User.objects.get(pk=person.pk)
        assert not person.is_superuser and person.role in (access.CANDIDAT, access.CONSEILLER)


def test_the_search_of_utilisateurs_finds_no_candidate(client, superuser, candidate):
    client.force_login(superuser)
    assert "BERNARD" not in client.get(USERS, {"q": "bernard"}).content.decode()


# Bulk actions on users -------------------------------------------------------------------------------


def bulk(client, action, users, data=None):
    url = reverse("wagtail_bulk_action", args=["candidates", "user", action])
    query = "&".join(f"id={user.pk}" for user in users)
    return client.post(f"{url}?{query}&next={USERS}", data or {})


def test_no_bulk_action_reaches_a_candidate(client, superuser, candidate):
    client.force_login(superuser)
    response = bulk(client, "assign_role", [candidate], {"role": group(access.ADMINISTRATEUR).pk})
    assert response.status_code == 404
    assert bulk(client, "set_active_state", [candidate], {"mark_as_active": "False"}).status_code == 404
    candidate = User.objects.get(pk=candidate.pk)
    assert candidate.role == access.CANDIDAT and candidate.is_active


def test_an_administrator_cannot_assign_a_role_in_bulk(client, administrator, editor):
    client.force_login(administrator)
    bulk(client, "assign_role", [editor], {"role": group(access.ADMINISTRATEUR).pk})
    assert set(User.objects.get(pk=editor.pk).groups.values_list("name", flat=True)) == {access.EDITEUR}


def test_bulk_changes_by_a_superuser_are_journalled(client, superuser, editor):
    client.force_login(superuser)
    assert bulk(client, "assign_role", [editor], {"role": group(access.ADMINISTRATEUR).pk}).status_code == 302
    assert bulk(client, "set_active_state", [editor], {"mark_as_active": "False"}).status_code == 302
    editor = User.objects.get(pk=editor.pk)
    assert editor.role == access.ADMINISTRATEUR and not editor.is_active
    assert sorted(account_entries(editor).values_list("detail", flat=True)) == ["activation", "rôles"]


def test_deleting_a_staff_account_is_journalled_alone_or_in_bulk(client, superuser, editor, administrator):
    client.force_login(superuser)
    editor_pk, administrator_pk = editor.pk, administrator.pk
    response = client.post(reverse("wagtailusers_users:delete", args=[editor_pk]))
    assert response.status_code == 302 and not User.objects.filter(pk=editor_pk).exists()
    assert bulk(client, "delete", [administrator]).status_code == 302
    assert not User.objects.filter(pk=administrator_pk).exists()
    for pk in (editor_pk, administrator_pk):
        entry = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_CHANGED, object_id=str(pk))
        assert entry.detail == "compte supprimé" and entry.actor == superuser


# Conseillers (the académie's own screen) ---------------------------------------------------------------


def test_editing_a_counsellor_in_conseillers_is_journalled(client, administrator, counsellor):
    client.force_login(administrator)
    response = client.post(
        f"/admin/candidates/counsellor/edit/{counsellor.pk}/",
        {
            "first_name": counsellor.first_name,
            "last_name": counsellor.last_name,
            "email": "claire.boad@ac-exemple.fr",
            "username": counsellor.username,
            "dabm": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    (entry,) = account_entries(counsellor)
    assert entry.actor == administrator
    assert entry.detail == "adresse de courriel, activation"
    assert not client.login(username=counsellor.username, password=PASSWORD)
