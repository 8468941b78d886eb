"""Administrators oversee candidates and attestations, manage counsellors and edit the portal's settings.

Éditeurs get none of these: they edit pages, images and documents only.
"""

import importlib

from django.db import migrations

ADMINISTRATOR = "Administrateur"
PERMISSIONS = [
    ("candidates", "view_dossier"),
    ("candidates", "change_dossier"),
    ("candidates", "view_attestation"),
    ("candidates", "add_counsellor"),
    ("candidates", "change_counsellor"),
    ("candidates", "view_counsellor"),
    ("candidates", "change_portalsettings"),
    ("candidates", "view_portalsettings"),
]


def grant(apps, schema_editor):
    importlib.import_module("candidates.migrations.0002_roles").create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ADMINISTRATOR).first()
    if group:
        codenames = [codename for _label, codename in PERMISSIONS]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="candidates", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("candidates", "0011_admin_academie")]

    operations = [migrations.RunPython(grant, revoke)]
