"""Which legal page a content page is, so that the footer finds them whatever their slug; and the RGAA
conformity the accessibility statement declares, shown in the footer (until now both were written in
the footer template). The pages 0004_legal_pages created are recognised by the slug they were given."""

from django.conf import settings
from django.db import migrations, models

LEGAL_PAGES = {
    "accessibilite": "accessibilite",
    "mentions-legales": "mentions_legales",
    "donnees-personnelles": "donnees_personnelles",
}


def name_the_legal_pages(apps, schema_editor):
    ContentPage = apps.get_model("home", "ContentPage")
    for slug, legal_page in LEGAL_PAGES.items():
        if ContentPage.objects.filter(legal_page=legal_page).exists():
            continue
        page = ContentPage.objects.filter(slug=slug, legal_page="").order_by("path").first()
        if page is not None:
            page.legal_page = legal_page
            page.save(update_fields=["legal_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_legal_pages"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="contentpage",
            name="accessibility_status",
            field=models.CharField(
                choices=[
                    ("non_conforme", "non conforme"),
                    ("partiellement_conforme", "partiellement conforme"),
                    ("totalement_conforme", "totalement conforme"),
                ],
                default="non_conforme",
                help_text="Affiché dans le pied de page de chaque écran (« Accessibilité : … »), d'après le dernier audit.",
                max_length=30,
                verbose_name="état de conformité au RGAA",
            ),
        ),
        migrations.AddField(
            model_name="contentpage",
            name="legal_page",
            field=models.CharField(
                blank=True,
                choices=[
                    ("accessibilite", "Déclaration d'accessibilité"),
                    ("mentions_legales", "Mentions légales"),
                    ("donnees_personnelles", "Données personnelles"),
                ],
                default="",
                editable=False,
                max_length=30,
                verbose_name="page légale",
            ),
        ),
        migrations.AddConstraint(
            model_name="contentpage",
            constraint=models.UniqueConstraint(
                condition=models.Q(("legal_page", ""), _negated=True),
                fields=("legal_page",),
                name="home_contentpage_one_per_legal_page",
            ),
        ),
        migrations.RunPython(name_the_legal_pages, migrations.RunPython.noop),
    ]
