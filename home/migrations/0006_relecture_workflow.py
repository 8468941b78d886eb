"""The « Relecture » workflow: what an éditeur changes on the site is published once an administrator approved it.

- A workflow « Relecture » with one group approval task « Relecture par un administrateur » (group
  Administrateur), linked to the site's home page: it covers every page under it, so the legal pages,
  *Les phases du bilan* and each phase, including those `load_phases`/`seed_demo` create after the
  migrations ran (a fresh database has no BilanPage yet, so it could not be linked here).
- Éditeurs lose `publish_page` (and `bulk_delete_page`, which 0002_roles never gave them) wherever they
  held it. Wagtail's page permissions only add up down the tree (0002 granted them on the root), so
  this cannot spare a subtree: every page goes through Relecture, which the home page's link provides.
  They keep add/change/lock/unlock: they edit, save drafts and « Soumettre à Relecture ». Without
  publish, Wagtail refuses them the deletion of a live page; home/wagtail_hooks.py refuses the drafts.
- Administrateurs keep what 0002_roles gave them on the root (add, change, publish, bulk delete):
  they are checked here, as their approval publishes the page.

Idempotent (get_or_create) and safe whether or not the pages exist. Backwards: the editors get back
`publish_page` on the root, the workflow, its task and links go (their states with them, CASCADE).
"""

import importlib

from django.db import migrations

WORKFLOW = "Relecture"
TASK = "Relecture par un administrateur"
REVIEWERS = "Administrateur"
EDITORS = "Éditeur"
WITHDRAWN_FROM_EDITORS = ["publish_page", "bulk_delete_page"]
REVIEWERS_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page"]


def page_permission(apps, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def site_home(apps):
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_page_id
    home = HomePage.objects.order_by("path").first()
    return home.pk if home else None


def create_review(apps, schema_editor):
    importlib.import_module("candidates.migrations.0002_roles").create_all_permissions(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK, defaults={"content_type": task_type, "active": True})
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    home_id = site_home(apps)
    if home_id is not None:
        WorkflowPage.objects.get_or_create(page_id=home_id, defaults={"workflow": workflow})

    GroupPagePermission.objects.filter(
        group=editors,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=WITHDRAWN_FROM_EDITORS,
    ).delete()
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in REVIEWERS_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=reviewers, page=root, permission=page_permission(apps, codename)
            )


def remove_review(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=TASK).delete()
    editors = Group.objects.filter(name=EDITORS).first()
    root = Page.objects.filter(depth=1).first()
    if editors is not None and root is not None:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root, permission=page_permission(apps, "publish_page")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_legal_page_kind"),
        ("candidates", "0017_remove_wagtail_default_groups_and_workflow"),
        ("phases", "0002_alter_phasepage_questions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_review, remove_review)]
