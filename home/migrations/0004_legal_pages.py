"""The public-service pages the law asks for: accessibility statement, legal notice, personal data.
Editors keep them up to date in the Wagtail admin; the footer links to them by their slug."""

from django.db import migrations

PAGES = [
    (
        "Accessibilité",
        "accessibilite",
        """
<h2>Déclaration d'accessibilité</h2>
<p>L'académie s'engage à rendre son portail « Mon bilan en ligne » accessible conformément à
l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<h2>État de conformité</h2>
<p>Le portail est <strong>non conforme</strong> au référentiel général d'amélioration de
l'accessibilité (RGAA 4.1) : l'audit de conformité n'a pas encore été réalisé.</p>
<h2>Ce qui a été fait</h2>
<ul>
<li>Le portail utilise le Système de design de l'État (DSFR) : contrastes, navigation au clavier,
liens d'évitement, titres de pages.</li>
<li>Les formulaires associent chaque champ à son libellé et annoncent les erreurs en tête de
formulaire et à côté de chaque champ.</li>
<li>Les parcours principaux (connexion, réponse aux phases, suivi, attestations, synthèse) sont
testés automatiquement dans un navigateur.</li>
</ul>
<h2>Retour d'information et contact</h2>
<p>Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez au support technique
(page « Support technique ») pour être orienté vers une alternative accessible.</p>
<h2>Voies de recours</h2>
<p>Si vous signalez un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez
écrire au Défenseur des droits ou contacter son délégué dans votre région.</p>
""",
    ),
    (
        "Mentions légales",
        "mentions-legales",
        """
<h2>Éditeur</h2>
<p>Le portail « Mon bilan en ligne » est édité par l'académie pour le réseau de ses DABM.</p>
<h2>Directeur de la publication</h2>
<p>Le recteur ou la rectrice de l'académie.</p>
<h2>Hébergement</h2>
<p>Le portail est hébergé sur les serveurs de l'académie.</p>
<h2>Logiciel</h2>
<p>« Mon bilan en ligne » est un logiciel libre. Sauf mention contraire, les contenus sont
proposés sous licence Etalab 2.0.</p>
""",
    ),
    (
        "Données personnelles",
        "donnees-personnelles",
        """
<h2>Pourquoi ces données</h2>
<p>Le portail permet de réaliser un bilan de compétences (articles L6313-1, L6313-4 et R6313-4 à
R6313-8 du Code du travail). Les données saisies servent uniquement à ce bilan.</p>
<h2>Qui y a accès</h2>
<p>Les résultats du bilan et le document de synthèse appartiennent au bénéficiaire : ils ne sont
communiqués à personne sans son accord. Seul son conseiller y a accès pour l'accompagner.</p>
<h2>Combien de temps</h2>
<p>Les documents de travail sont détruits à la fin du bilan. Le document de synthèse peut être
conservé au plus un an, avec l'accord du bénéficiaire.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, les faire rectifier ou effacer, en écrivant au support
technique ou au délégué à la protection des données de l'académie.</p>
""",
    ),
]


def base36(number: int) -> str:
    """A treebeard path step (4 characters of 0-9A-Z), as Wagtail's page tree uses."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        step = digits[rest] + step
    return step


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    HomePage = apps.get_model("home", "HomePage")
    ContentPage = apps.get_model("home", "ContentPage")
    Page = apps.get_model("wagtailcore", "Page")
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="home", model="contentpage")
    # The home page may already have children (the phases are added later, by a command).
    last = Page.objects.filter(path__startswith=home.path, depth=3).order_by("-path").first()
    position = int(last.path[-4:], 36) if last else 0
    for title, slug, body in PAGES:
        if ContentPage.objects.filter(slug=slug, depth=3).exists():
            continue
        position += 1
        ContentPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=page_type,
            path=home.path + base36(position),
            depth=3,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            body=body.strip(),
        )
        home.numchild += 1
    home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [("home", "0003_content_page")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
