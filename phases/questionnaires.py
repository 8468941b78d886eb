"""The questionnaires after the bilan: « Suivi à six mois » and « Appréciation de fin de bilan ».

Each is one Wagtail page under the home page, of the same question blocks as a phase (`stream.py`),
edited like the phases; the candidate answers it with the phases' form (`forms.AnswerForm`). Who is
invited when, and where the answers go, is the portal's business (`candidates.followup`,
`candidates.satisfaction`); the pages only describe the questions."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import history
from .models import QuestionsMixin
from .revisions import SkipUnchangedRevisionMixin
from .stream import QuestionStreamBlock


class QuestionnairePage(QuestionsMixin, SkipUnchangedRevisionMixin, Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "ul", "ol", "link"])
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("questions")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    preview_modes = []  # the candidate's screen is the portal's, not a page template
    search_fields = Page.search_fields + [index.SearchField("questions")]
    answer_url_name = ""  # where the live page sends a visitor: the candidate's screen

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return redirect(self.answer_url_name)

    def answered_questions(self, answers: dict) -> list:
        """The answers as read-only screens show them (as a phase's, without retired questions' history)."""
        stream_block = self._meta.get_field("questions").stream_block
        return history.shown_answers(stream_block, self.question_children, answers, {}, dict)


class FollowUpPage(QuestionnairePage):
    """« Suivi à six mois »: where the candidate stands some months after the bilan (R6313-4)."""

    answer_url_name = "followup:answer"

    class Meta:
        verbose_name = _("questionnaire de suivi à six mois")
        verbose_name_plural = _("questionnaires de suivi à six mois")


class SatisfactionPage(QuestionnairePage):
    """« Appréciation de fin de bilan » (Qualiopi, indicateur 30)."""

    answer_url_name = "satisfaction:answer"

    class Meta:
        verbose_name = _("questionnaire d'appréciation de fin de bilan")
        verbose_name_plural = _("questionnaires d'appréciation de fin de bilan")
