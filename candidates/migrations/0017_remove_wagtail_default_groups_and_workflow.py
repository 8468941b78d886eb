"""Remove what Wagtail's own migrations create for a demo site and the portal does not use:

- the English groups "Editors" and "Moderators" (wagtailcore 0002_initial_data; wagtailadmin, wagtailimages
  and wagtaildocs then gave them permissions) — the portal's roles are Éditeur and Administrateur;
- the "Moderators approval" workflow and its group approval task, linked to the root page
  (wagtailcore 0048_add_default_workflows, built from the Moderators' publish permission).

Deleting them also deletes their permissions, memberships, workflow links and states (CASCADE).
Safe where they are already absent; not restored on the way back (they were never the portal's).
On a fresh database this runs after all of those (0048 below; the others precede 0002_roles).
"""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
WORKFLOW = "Moderators approval"


def remove_leftovers(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Group = apps.get_model("auth", "Group")
    Workflow.objects.filter(name=WORKFLOW).delete()
    GroupApprovalTask.objects.filter(name=WORKFLOW).delete()
    Group.objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("candidates", "0016_account_changed_action"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(remove_leftovers, migrations.RunPython.noop)]
