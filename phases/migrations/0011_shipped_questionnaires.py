"""The questionnaires after the bilan, with the questions the portal ships (`content/questionnaires.json`):
« Suivi à six mois » and « Appréciation de fin de bilan », live under the home page. A questionnaire that
already exists is left alone; reversing leaves them (editors may have changed them)."""

from django.db import migrations


def base36(number: int) -> str:
    """A treebeard path step (4 characters of 0-9A-Z), as Wagtail's page tree uses."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        step = digits[rest] + step
    return step


def create_pages(apps, schema_editor):
    from phases.questionnaire_content import read_questionnaires

    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("home", "HomePage")
    Page = apps.get_model("wagtailcore", "Page")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    last = Page.objects.filter(path__startswith=home.path, depth=3).order_by("-path").first()
    position = int(last.path[-4:], 36) if last else 0
    for shipped in read_questionnaires():
        model = apps.get_model("phases", shipped["model"])
        if model.objects.exists():
            continue
        page_type, _ = ContentType.objects.get_or_create(app_label="phases", model=shipped["model"])
        position += 1
        model.objects.create(
            title=shipped["title"],
            draft_title=shipped["title"],
            slug=shipped["slug"],
            content_type=page_type,
            path=home.path + base36(position),
            depth=3,
            numchild=0,
            url_path=f"{home.url_path}{shipped['slug']}/",
            locale_id=home.locale_id,
            live=True,
            introduction=shipped["introduction"],
            questions=shipped["raw_questions"],
        )
        home.numchild += 1
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("phases", "0010_questionnaire_pages"),
        ("home", "0007_rome_credit"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
