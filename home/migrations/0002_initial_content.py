"""Replace Wagtail's welcome page by the portal's home page, and configure the DSFR header."""

from django.db import migrations

INTRODUCTION = (
    "Faites le point sur vos compétences, vos aptitudes et vos motivations, et construisez "
    "votre projet professionnel avec un conseiller de l'académie, à distance ou en présentiel."
)
BODY = """
<h2>Qu'est-ce qu'un bilan de compétences ?</h2>
<p>Le bilan de compétences permet d'analyser vos compétences professionnelles et personnelles,
vos aptitudes et vos motivations afin de définir un projet professionnel et, le cas échéant,
un projet de formation (article L6313-4 du Code du travail). Il dure au plus 24 heures,
réparties sur plusieurs semaines.</p>
<h2>Comment se déroule-t-il sur le portail ?</h2>
<ol>
<li><strong>Phase préliminaire</strong> : avec votre conseiller, vous analysez votre demande et vos besoins.</li>
<li><strong>Phase d'investigation</strong> : vous complétez en ligne les phases du bilan
(valeurs, priorités, personnalité, compétences, pistes de projets, environnement).</li>
<li><strong>Phase de conclusion</strong> : vous validez votre projet, construisez votre plan d'action,
et recevez votre document de synthèse.</li>
</ol>
<h2>Vos données sont confidentielles</h2>
<p>Les résultats du bilan et le document de synthèse vous appartiennent : ils ne sont communiqués
à personne sans votre accord. Seul votre conseiller a accès à votre dossier.</p>
<p>Votre nom d'utilisateur et votre mot de passe vous sont communiqués par votre conseiller.</p>
"""


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    DsfrConfig = apps.get_model("dsfr", "DsfrConfig")

    welcome_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=welcome_type, slug="home", depth=2).delete()
    Site.objects.all().delete()

    home_type, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Mon bilan en ligne",
        draft_title="Mon bilan en ligne",
        slug="accueil",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
        introduction=INTRODUCTION,
        body=BODY.strip(),
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Mon bilan en ligne"
    )
    DsfrConfig.objects.update_or_create(
        language="fr",
        defaults={
            "site_title": "Mon bilan en ligne",
            "site_tagline": "Bilan de compétences — Académie de Montpellier",
            "header_brand": "République française",
            "header_brand_html": "République<br>française",
            "footer_brand": "République française",
            "footer_brand_html": "République<br>française",
            "footer_description": (
                "Mon bilan en ligne : le bilan de compétences des DABM de l'académie de Montpellier."
            ),
        },
    )


def remove_home(apps, schema_editor):
    apps.get_model("home", "HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("dsfr", "0012_dsfrconfig_notice_description_and_more"),
    ]

    operations = [migrations.RunPython(create_home, remove_home)]
