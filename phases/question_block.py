"""What every question block of a phase has and knows (`QuestionBlock`), and the bound on any answer.
The blocks themselves: `blocks.py` (texts, choices, scales, rankings, and the stream of a phase) and
`row_blocks.py` (tables and repeatable entries)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .document_answers import DocumentAnswer, clean, split_paragraphs
from .forms import QuestionPreviewForm

# Characters in one answer, whatever its kind: a long text, or all the cells of a table or of entries
# (about ten pages of the synthèse; docs/performance.md).
ANSWER_MAX_LENGTH = 20_000
ANSWER_CHARACTERS = _("%(max)s caractères au plus en tout.")


class YesNoBlock(blocks.BooleanBlock):
    """A box to tick, shown as « Oui » / « Non » where Wagtail shows the value as text (« Comparer »)."""

    def render_basic(self, value, context=None):
        return str(_("Oui") if value else _("Non"))


class QuestionBlock(blocks.StructBlock):
    """What every question has: a label, a help text and a required flag."""

    label = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Aide"), required=False, max_length=500)
    required = YesNoBlock(
        label=_("Obligatoire"), required=False, help_text=_("Requise pour marquer la phase comme terminée.")
    )

    is_question = True
    answer_template = "phases/answers/text.html"

    def form_field(self, value) -> forms.Field:
        raise NotImplementedError

    def rule_errors(self, value) -> dict:
        """{child name: ValidationError} for what this question lacks to be answerable
        (`block_rules.py`); `value` may be uncleaned (the editor's form data, its numbers as text)."""
        return {}

    def clean(self, value):
        """The children's own checks and the question's rules together, so the editor sees every error
        at once; a rule's error replaces its child's (« au moins deux propositions » says more than
        « Le nombre minimum d'éléments est 2 »)."""
        try:
            cleaned, errors = super().clean(value), {}
        except blocks.StructBlockValidationError as error:
            cleaned, errors = value, dict(error.block_errors)
        errors.update(self.rule_errors(cleaned))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return cleaned

    def get_preview_context(self, value, parent_context=None):
        """The block chooser's preview shows the question as the candidate sees it, unanswered."""
        context = super().get_preview_context(value, parent_context)
        return {**context, "field": QuestionPreviewForm(block=self, value=value)["question"]}

    def largest_answer(self, value, fill):
        """The largest answer the form accepts, in the stored format, every limit reached; `fill(n)`
        gives a text of n characters. What bench/largest_answer.py renders into the synthèse."""
        raise NotImplementedError

    def sample_answer(self, value):
        """A short, typical answer in the stored format, what the admin's preview fills the form with."""
        raise NotImplementedError

    def is_answered(self, value, answer) -> bool:
        return bool(answer)

    def display_answer(self, value, answer):
        """What the read-only template shows; the default is the answer itself."""
        return answer

    def export_answer(self, value, answer):
        """The answer in plain JSON for the candidate's data export (*Mes données*), with the
        question's own labels; the default is what the read-only screens show."""
        return self.display_answer(value, answer)

    def document_answer(self, value, data) -> DocumentAnswer:
        """The question and its answer as the synthèse (.docx and PDF) shows them, from `data`, what
        `display_answer` gave; the default is a text in paragraphs ("empty" when there is none)."""
        paragraphs = split_paragraphs(data)
        return DocumentAnswer(clean(value["label"]), "text" if paragraphs else "empty", paragraphs=paragraphs)

    def field_kwargs(self, value) -> dict:
        # Drafts may be incomplete: required questions are checked when the phase is finished.
        help_text = value["help_text"]
        if value["required"]:
            help_text = " ".join(filter(None, [str(_("Réponse obligatoire pour terminer la phase.")), help_text]))
        return {"label": value["label"], "help_text": help_text, "required": False}

    class Meta:
        template = "phases/blocks/question.html"
        preview_template = "phases/blocks/preview.html"
