from django.db import models
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import QuestionStreamBlock
from .forms import AnswerForm


class BilanPage(Page):
    """« Les phases du bilan »: the parent of the phases, in the order candidates work through them."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "ul", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["phases.PhasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("ensemble des phases du bilan")

    def serve(self, request, *args, **kwargs):
        # Candidates reach their phases from their dashboard.
        return redirect("dashboard")


class PhasePage(Page):
    """One phase of the bilan: an introduction and the questions the candidate answers."""

    class LegalPhase(models.TextChoices):
        PRELIMINAIRE = "preliminaire", _("Phase préliminaire")
        INVESTIGATION = "investigation", _("Phase d'investigation")
        CONCLUSION = "conclusion", _("Phase de conclusion")

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "ul", "ol", "link"])
    legal_phase = models.CharField(
        _("phase légale"),
        max_length=20,
        choices=LegalPhase.choices,
        default=LegalPhase.INVESTIGATION,
        help_text=_("Article R6313-4 du Code du travail."),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("durée estimée (minutes)"), default=60, help_text=_("Temps indicatif pour le candidat.")
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("legal_phase"),
        FieldPanel("estimated_minutes"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["phases.BilanPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("phase du bilan")
        verbose_name_plural = _("phases du bilan")

    def serve(self, request, *args, **kwargs):
        # The live phase is answered in the candidate's space; the admin preview renders the template.
        return redirect("phase_answer", slug=self.slug)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = AnswerForm(phase=self, answers={})
        return context

    @cached_property
    def question_children(self):
        """The stream children that expect an answer (instructions excluded), in page order."""
        return [child for child in self.questions if child.block.is_question]

    def progress(self, answers: dict) -> tuple[int, int]:
        """(answered, total) questions for these answers."""
        answered = sum(
            1 for child in self.question_children if child.block.is_answered(child.value, answers.get(child.id))
        )
        return answered, len(self.question_children)

    def missing_required(self, answers: dict) -> list:
        """The required questions these answers leave unanswered, in page order."""
        return [
            child
            for child in self.question_children
            if child.value["required"] and not child.block.is_answered(child.value, answers.get(child.id))
        ]

    def answered_questions(self, answers: dict):
        """(child, display data) for every current question, for read-only screens."""
        return [
            (child, child.block.display_answer(child.value, answers.get(child.id)))
            for child in self.question_children
        ]
