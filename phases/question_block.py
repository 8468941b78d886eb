"""What every question block of a phase has and knows (`QuestionBlock`), and the bound on any answer.
The blocks themselves: `blocks.py` (texts, choices, scales, rankings, and the stream of a phase) and
`row_blocks.py` (tables and repeatable entries).

A question's *parts* are what an answer points to inside it: the propositions of a choice or a ranking,
the items of a scale, the columns of a table, the fields of an entry. Answers store their ids (the
ListBlock items' own), never their texts, so an editor may reword or reorder them freely. A part the
editor removed stays in the answers; read-only screens show it under the label the candidate saw
(`PhaseResponse.seen`), marked as retired (`Part.note`)."""

import datetime
from typing import NamedTuple

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .document_answers import DocumentAnswer, clean, split_paragraphs
from .forms import QuestionPreviewForm
from .summaries import Summary
from .synthesis_sections import SynthesisSection

# Characters in one answer, whatever its kind: a long text, or all the cells of a table or of entries
# (about ten pages of the synthèse; docs/performance.md).
ANSWER_MAX_LENGTH = 20_000
ANSWER_CHARACTERS = _("%(max)s caractères au plus en tout.")


class Part(NamedTuple):
    """A proposition, an item, a column or a field, as a read-only screen shows it."""

    id: str
    label: str
    retired: bool = False  # the phase no longer has it: the label is the one the candidate saw
    retired_on: datetime.datetime | None = None  # the publication that removed it, when known
    words: str = ""  # what it is, once retired: « proposition retirée du questionnaire » (its block's)

    @property
    def note(self) -> str:
        """« proposition retirée du questionnaire le 3 décembre 2026 » for a retired part, else nothing."""
        return retired_note(self.retired, self.retired_on, self.words)

    @property
    def shown(self) -> str:
        """The label, followed by the note in brackets when there is one (documents and exports)."""
        return f"{self.label} ({self.note})" if self.retired else self.label


def retired_note(retired: bool, retired_on, words) -> str:
    """`words` (« question retirée du questionnaire »), and the day it happened when known."""
    if not retired:
        return ""
    if retired_on is None:
        return str(words)
    return _("%(words)s le %(day)s") % {"words": words, "day": date_format(timezone.localtime(retired_on), "j F Y")}


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
    synthesis_section = blocks.ChoiceBlock(
        choices=SynthesisSection.choices,
        required=False,
        label=_("Rubrique de la synthèse"),
        help_text=_("La rubrique du document de synthèse où le conseiller retrouve les réponses à cette question."),
    )

    is_question = True
    answer_template = "phases/answers/text.html"
    parts_name = None  # the ListBlock child that holds the question's parts, if it has any
    retired_part_words = _("retiré du questionnaire")  # beside a part the question no longer has

    def form_field(self, value, initial=None) -> forms.Field:
        """The candidate's field for this question; `initial` is the saved answer, if any."""
        raise NotImplementedError

    def part_labels(self, value) -> list[tuple[str, str]]:
        """[(id, label)] of the question's parts, in the editor's order."""
        if self.parts_name is None:
            return []
        return [(child.id, self.part_label(child.value)) for child in value[self.parts_name].bound_blocks]

    def part_label(self, item) -> str:
        return item

    def parts(self, value, retired=()) -> dict[str, Part]:
        """{id: Part} of the current parts, in order, then of the `retired` ones (Parts)."""
        current = {part_id: Part(part_id, label) for part_id, label in self.part_labels(value)}
        gone = {part.id: part._replace(retired=True, words=self.retired_part_words) for part in retired}
        return {**current, **{part_id: part for part_id, part in gone.items() if part_id not in current}}

    def answered_parts(self, value, answer) -> set:
        """The ids of the parts this answer points to (what removing a part would touch)."""
        return set()

    def keep_retired(self, value, saved, posted):
        """The answer to save from what was `posted`, keeping what the `saved` answer holds of parts the
        phase no longer asks (the form cannot show them, so cannot send them back); the default: posted."""
        return posted

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

    def display_answer(self, value, answer, retired=()):
        """What the read-only template shows; `retired`: the Parts the candidate answered that the
        question no longer has. The default is the answer itself."""
        return answer

    def export_answer(self, value, data):
        """The answer in plain JSON for the candidate's data export (*Mes données*), with the
        question's own labels, from `data`, what `display_answer` gave; the default is that data."""
        return data

    def document_answer(self, value, data) -> DocumentAnswer:
        """The question and its answer as the synthèse (.docx and PDF) shows them, from `data`, what
        `display_answer` gave; the default is a text in paragraphs ("empty" when there is none)."""
        paragraphs = split_paragraphs(data)
        return DocumentAnswer(clean(value["label"]), "text" if paragraphs else "empty", paragraphs=paragraphs)

    def summarise(self, value, answers: list, *, with_texts: bool) -> list:
        """Summaries (`summaries.py`) of many people's `answers` to this question (None: not answered);
        the default counts the answered ones. `with_texts`: the texts typed may be shown."""
        count = sum(1 for answer in answers if self.is_answered(value, answer))
        return [Summary(value["label"], "other", count)]

    def help_notes(self, value) -> list:
        """What the form says under the question after the editor's help text (e.g. its limits)."""
        return []

    def field_kwargs(self, value) -> dict:
        """Drafts may be incomplete: required questions are checked when the phase is finished. The help
        text is the editor's plain text, escaped here: DSFR's field templates write it unescaped."""
        required = _("Réponse obligatoire pour terminer la phase.") if value["required"] else ""
        help_text = " ".join(str(note) for note in [required, value["help_text"], *self.help_notes(value)] if note)
        return {"label": value["label"], "help_text": escape(help_text), "required": False}

    class Meta:
        template = "phases/blocks/question.html"
        preview_template = "phases/blocks/preview.html"
