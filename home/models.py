from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The public front page: what a bilan de compétences is and how the portal works."""

    introduction = models.TextField(
        _("introduction"),
        help_text=_("Une ou deux phrases sous le titre de la page."),
    )
    body = RichTextField(
        _("contenu"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text=_("Ce qu'est un bilan de compétences, le déroulement sur le portail, les contacts."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("page d'accueil")


class ContentPageForm(WagtailAdminPageForm):
    """Only the accessibility statement says how far the portal conforms to the RGAA."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.legal_page != ContentPage.LegalPage.ACCESSIBILITE:
            self.fields.pop("accessibility_status", None)


class ContentPage(Page):
    """A page of text kept by editors: *Accessibilité*, *Mentions légales*, *Données personnelles*.

    `legal_page` says which of the pages the law asks for this one is (the footer links them by it,
    whatever their slug); it is set once, by a migration, and never copied."""

    class LegalPage(models.TextChoices):
        ACCESSIBILITE = "accessibilite", _("Déclaration d'accessibilité")
        MENTIONS_LEGALES = "mentions_legales", _("Mentions légales")
        DONNEES_PERSONNELLES = "donnees_personnelles", _("Données personnelles")

    class AccessibilityStatus(models.TextChoices):
        """The RGAA's three levels, in the words the footer of a public service must use."""

        NON_CONFORME = "non_conforme", _("non conforme")
        PARTIELLEMENT_CONFORME = "partiellement_conforme", _("partiellement conforme")
        TOTALEMENT_CONFORME = "totalement_conforme", _("totalement conforme")

    body = RichTextField(_("contenu"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    legal_page = models.CharField(
        _("page légale"), max_length=30, choices=LegalPage.choices, blank=True, default="", editable=False
    )
    accessibility_status = models.CharField(
        _("état de conformité au RGAA"),
        max_length=30,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.NON_CONFORME,
        help_text=_("Affiché dans le pied de page de chaque écran (« Accessibilité : … »), d'après le dernier audit."),
    )

    content_panels = Page.content_panels + [FieldPanel("accessibility_status"), FieldPanel("body")]
    base_form_class = ContentPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    exclude_fields_in_copy = ["legal_page"]

    def with_content_json(self, content):
        """A revision (even one older than `legal_page`) never changes which legal page this is."""
        page = super().with_content_json(content)
        page.legal_page = self.legal_page
        return page

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")
        constraints = [
            models.UniqueConstraint(
                fields=["legal_page"], condition=~Q(legal_page=""), name="home_contentpage_one_per_legal_page"
            )
        ]
