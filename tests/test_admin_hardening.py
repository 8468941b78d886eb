"""The Wagtail admin, closed where probing found it open: leftover English groups and workflow, formula
injection in the CSV exports, crafted filter parameters, bulk deletion of answered phases, and what an
Éditeur finds of the candidates' data (#15)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page, Task, Workflow, WorkflowPage

pytestmark = pytest.mark.django_db

LEFTOVERS = importlib.import_module("candidates.migrations.0017_remove_wagtail_default_groups_and_workflow")


# Wagtail's default groups and workflow ------------------------------------------------------------------


def assert_no_leftovers():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert not WorkflowPage.objects.exists()


def test_a_migrated_database_has_neither_the_english_groups_nor_the_default_workflow():
    assert_no_leftovers()
    assert {"Administrateur", "Éditeur", "Candidat", "Conseiller"} <= set(Group.objects.values_list("name", flat=True))


def test_the_migration_removes_them_where_wagtail_created_them_and_is_safe_where_they_are_absent():
    moderators = Group.objects.create(name="Moderators")
    Group.objects.create(name="Editors")
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.set([moderators])
    workflow = Workflow.objects.create(name="Moderators approval")
    workflow.workflow_tasks.create(task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.objects.get(depth=1))

    LEFTOVERS.remove_leftovers(apps, None)
    assert_no_leftovers()
    LEFTOVERS.remove_leftovers(apps, None)  # already absent: nothing to do, no error
    assert_no_leftovers()
    assert Page.objects.filter(depth=1).exists()
