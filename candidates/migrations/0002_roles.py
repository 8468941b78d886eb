"""Create the four role groups with their permissions.

Permissions are normally created after all migrations ran (post_migrate); this migration creates
them first so that the groups are complete on a fresh database. The permission lists are frozen
here on purpose: a later change of roles is a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_ADMIN = ["wagtailadmin.access_admin"]
MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
ROLE_PERMISSIONS = {
    "Candidat": [],
    "Conseiller": [],
    "Éditeur": STAFF_ADMIN,
    "Administrateur": STAFF_ADMIN
    + [
        "candidates.add_dabm",
        "candidates.change_dabm",
        "candidates.delete_dabm",
        "candidates.view_dabm",
        "candidates.add_user",
        "candidates.change_user",
        "candidates.view_user",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
    ],
}
PAGE_PERMISSIONS = {
    "Éditeur": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Administrateur": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
COLLECTION_ROLES = ("Éditeur", "Administrateur")


def create_all_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, dotted_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(d) for d in dotted_names])
        for codename in PAGE_PERMISSIONS.get(name, []):
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(f"wagtailcore.{codename}")
            )
        if name in COLLECTION_ROLES:
            for dotted in MEDIA:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(dotted)
                )


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
