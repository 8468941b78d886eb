from django.db import models
from django.utils.translation import gettext_lazy as _
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


class ContentPage(Page):
    """A page of text kept by editors: *Accessibilité*, *Mentions légales*, *Données personnelles*."""

    body = RichTextField(_("contenu"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")
