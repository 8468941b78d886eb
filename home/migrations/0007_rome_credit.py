"""*Mentions légales* credit the ROME data the portal ships (#20): its source and its licence, as
France Travail's Licence Ouverte 2.0 asks (skills/data/rome-v460/README.md). Added once, at the end of
the live page and of its latest revision, unless an editor already wrote of the ROME."""

from django.db import migrations

CREDIT = """<h2>Données du référentiel des métiers</h2>
<p>Les fiches métiers, appellations, compétences, savoirs, contextes de travail, codes RIASEC et mobilités
proviennent du Répertoire opérationnel des métiers et des emplois (ROME 4.0) de France Travail, réutilisé
sous <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte / Open Licence 2.0</a>
(Etalab), sans modification. Source : France Travail, ROME 4.0 (version 460). Les suggestions de métiers et
l'écart avec un métier sont calculés par le portail à partir des réponses du candidat ; France Travail n'en
est pas l'auteur.</p>"""


def _credited(body: str) -> str:
    return body if "ROME" in (body or "") else f"{body or ''}\n{CREDIT}"


def credit(apps, schema_editor):
    ContentPage = apps.get_model("home", "ContentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in ContentPage.objects.filter(legal_page="mentions_legales"):
        page.body = _credited(page.body)
        page.save(update_fields=["body"])
        if page.latest_revision_id:
            revision = Revision.objects.get(pk=page.latest_revision_id)
            content = revision.content or {}
            if "body" in content:
                content["body"] = _credited(content["body"])
                Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [("home", "0006_relecture_workflow"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(credit, migrations.RunPython.noop)]
