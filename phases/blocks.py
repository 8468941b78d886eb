"""Question blocks of a phase. Each block knows how to ask (a form field), how to tell whether it
is answered, how to show an answer read-only, in the data export and in the synthèse. Answers are
stored keyed by the block's id. What every question has: `question_block.py`; tables and repeatable
entries: `row_blocks.py`; what a question must hold for candidates to finish it (checked by `clean()`):
`block_rules.py`; the sample questions of the editors' block chooser: `block_previews.py`."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import answer_fields, block_previews, block_rules
from .document_answers import DocumentAnswer, clean
from .question_block import ANSWER_MAX_LENGTH, QuestionBlock
from .row_blocks import RepeatableBlock, TableBlock

# What the admin's preview of a phase writes in text answers (`sample_answer`).
SAMPLE_TEXT = _("Exemple de réponse")
SAMPLE_LONG_TEXT = _("Exemple de réponse rédigée : quelques phrases sur le sujet.\nUn second paragraphe.")


class InstructionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False)
    text = blocks.RichTextBlock(label=_("Texte"), features=["bold", "italic", "ul", "ol", "link"])

    is_question = False

    class Meta:
        icon = "info-circle"
        label = _("Consigne")
        template = "phases/blocks/instruction.html"
        preview_template = "phases/blocks/preview.html"
        help_text = _("Un texte d'explication, sans réponse attendue.")
        description = _("Un texte qui guide le candidat entre les questions, sans réponse attendue.")
        preview_value = block_previews.INSTRUCTION


class ShortTextBlock(QuestionBlock):
    max_length = 500

    class Meta:
        icon = "pilcrow"
        label = _("Texte court")
        help_text = _("Une réponse sur une ligne (une date, un chiffre, quelques mots).")
        description = _("Le candidat répond sur une ligne : une date, un chiffre, quelques mots.")
        preview_value = block_previews.SHORT_TEXT

    def form_field(self, value):
        return forms.CharField(max_length=self.max_length, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return fill(self.max_length)

    def sample_answer(self, value):
        return str(SAMPLE_TEXT)

    def is_answered(self, value, answer):
        return bool(str(answer or "").strip())


class LongTextBlock(ShortTextBlock):
    max_length = ANSWER_MAX_LENGTH

    class Meta:
        icon = "doc-full"
        label = _("Texte long")
        help_text = _("Une réponse rédigée, en un ou plusieurs paragraphes.")
        description = _("Le candidat rédige sa réponse, en un ou plusieurs paragraphes.")
        preview_value = block_previews.LONG_TEXT

    def form_field(self, value):
        return forms.CharField(
            max_length=self.max_length, widget=forms.Textarea(attrs={"rows": 6}), **self.field_kwargs(value)
        )

    def sample_answer(self, value):
        return str(SAMPLE_LONG_TEXT)


class ChoicesMixin(blocks.StructBlock):
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Proposition"), max_length=200),
        label=_("Propositions"),
        min_num=2,
        help_text=_("Au moins deux propositions, toutes différentes."),
    )

    numbered = False  # the order of the chosen propositions is the answer: a numbered list, not bullets

    def rule_errors(self, value):
        return block_rules.choices_errors(value)

    def choice_list(self, value):
        return [(choice, choice) for choice in value["choices"]]

    def document_answer(self, value, data):
        """The chosen propositions, as bullets (or numbered), from `display_answer`'s list."""
        choices = [data] if isinstance(data, str) else list(data or [])
        items = [clean(choice) for choice in choices if clean(choice)]
        kind = ("numbered" if self.numbered else "bullets") if items else "empty"
        return DocumentAnswer(clean(value["label"]), kind, items=items)


class SingleChoiceBlock(ChoicesMixin, QuestionBlock):
    answer_template = "phases/answers/choices.html"

    class Meta:
        icon = "radio-full"
        label = _("Choix unique")
        help_text = _("Le candidat choisit une proposition.")
        description = _("Le candidat choisit une seule proposition parmi celles que vous écrivez.")
        preview_value = block_previews.SINGLE_CHOICE

    def form_field(self, value):
        return forms.ChoiceField(choices=self.choice_list(value), widget=forms.RadioSelect, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return max(value["choices"], key=len)

    def sample_answer(self, value):
        return next(iter(value["choices"]), None)

    def display_answer(self, value, answer):
        return [answer] if answer else []

    def export_answer(self, value, answer):
        return answer or None


class MultipleChoiceBlock(ChoicesMixin, QuestionBlock):
    max_choices = blocks.IntegerBlock(
        label=_("Nombre maximum de choix"), min_value=0, default=0, required=False, help_text=_("0 : pas de limite.")
    )
    answer_template = "phases/answers/choices.html"

    class Meta:
        icon = "tick-inverse"
        label = _("Choix multiple")
        help_text = _("Le candidat coche une ou plusieurs propositions.")
        description = _("Le candidat coche une ou plusieurs propositions, jusqu'au nombre maximum choisi.")
        preview_value = block_previews.MULTIPLE_CHOICE

    def rule_errors(self, value):
        return block_rules.multiple_choice_errors(value)

    def form_field(self, value):
        return answer_fields.LimitedMultipleChoiceField(
            choices=self.choice_list(value), max_choices=value.get("max_choices") or 0, **self.field_kwargs(value)
        )

    def largest_answer(self, value, fill):
        choices = list(value["choices"])
        longest = sorted(choices, key=len, reverse=True)[: value.get("max_choices") or len(choices)]
        return [choice for choice in choices if choice in longest]

    def sample_answer(self, value):
        return list(value["choices"])[: min(2, value.get("max_choices") or 2)]

    def export_answer(self, value, answer):
        return list(answer or [])


SCALE_MIN_STEPS, SCALE_MAX_STEPS = 2, 10  # the scale goes from 1 to its number of degrees


class ScaleBlock(QuestionBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Élément"), max_length=300),
        label=_("Éléments à évaluer"),
        min_num=1,
        help_text=_("Chaque élément est noté sur l'échelle ; un seul élément pour une seule note."),
    )
    steps = blocks.IntegerBlock(
        label=_("Nombre de degrés"), min_value=SCALE_MIN_STEPS, max_value=SCALE_MAX_STEPS, default=5
    )
    min_label = blocks.CharBlock(label=_("Libellé du degré le plus bas"), max_length=100)
    max_label = blocks.CharBlock(label=_("Libellé du degré le plus haut"), max_length=100)
    answer_template = "phases/answers/scale.html"

    class Meta:
        icon = "list-ol"
        label = _("Échelle")
        help_text = _("Échelle de Likert : chaque élément est noté de 1 à N, avec des libellés aux extrémités.")
        description = _("Le candidat note chaque élément sur une échelle de 1 à N (échelle de Likert).")
        preview_value = block_previews.SCALE

    def rule_errors(self, value):
        return block_rules.scale_errors(value, steps=(SCALE_MIN_STEPS, SCALE_MAX_STEPS))

    def items_by_id(self, value):
        return [(child.id, child.value) for child in value["items"].bound_blocks]

    def form_field(self, value):
        return answer_fields.ScaleField(
            items=self.items_by_id(value),
            steps=value["steps"],
            min_label=value["min_label"],
            max_label=value["max_label"],
            **self.field_kwargs(value),
        )

    def largest_answer(self, value, fill):
        return {item_id: value["steps"] for item_id, _label in self.items_by_id(value)}

    def sample_answer(self, value):
        """The items rated 1, 2, 3… in turn."""
        return {item_id: index % value["steps"] + 1 for index, (item_id, _label) in enumerate(self.items_by_id(value))}

    def is_answered(self, value, answer):
        """Every item rated; a scale without items (a phase saved before the rules) is never answered."""
        answer, items = answer or {}, self.items_by_id(value)
        return bool(items) and all(item_id in answer for item_id, _label in items)

    def display_answer(self, value, answer):
        answer = answer or {}
        return {
            "steps": value["steps"],
            "min_label": value["min_label"],
            "max_label": value["max_label"],
            "rows": [(label, answer.get(item_id)) for item_id, label in self.items_by_id(value)],
        }

    def export_answer(self, value, answer):
        shown = self.display_answer(value, answer)
        return {
            "echelle": {"degres": shown["steps"], "minimum": shown["min_label"], "maximum": shown["max_label"]},
            "notes": [{"element": label, "note": rating} for label, rating in shown["rows"]],
        }

    def document_answer(self, value, data):
        """Each item and its rating (a dash when unrated) under what 1 and N mean; "empty" if none is rated."""
        data = data or {}
        rows = data.get("rows") or []
        if all(rating is None for _label, rating in rows):
            return DocumentAnswer(clean(value["label"]))
        steps = data.get("steps")
        return DocumentAnswer(
            clean(value["label"]),
            "scale",
            caption=f"1 = {clean(data.get('min_label'))} ; {steps} = {clean(data.get('max_label'))}",
            headers=["Élément", f"Note sur {steps}"],
            rows=[[clean(label), "—" if rating is None else str(rating)] for label, rating in rows],
        )


class RankingBlock(ChoicesMixin, QuestionBlock):
    answer_template = "phases/answers/choices.html"
    numbered = True

    class Meta:
        icon = "order"
        label = _("Classement")
        help_text = _("Le candidat classe toutes les propositions, de la plus à la moins importante.")
        description = _("Le candidat range les propositions que vous écrivez par ordre d'importance.")
        preview_value = block_previews.RANKING

    def form_field(self, value):
        return answer_fields.RankingField(choices=list(value["choices"]), **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return list(value["choices"])

    def sample_answer(self, value):
        return list(value["choices"])

    def is_answered(self, value, answer):
        return bool(answer) and len(answer) == len(value["choices"])

    def display_answer(self, value, answer):
        return answer or []

    def export_answer(self, value, answer):
        return list(answer or [])


class QuestionStreamBlock(blocks.StreamBlock):
    instruction = InstructionBlock()
    short_text = ShortTextBlock()
    long_text = LongTextBlock()
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    scale = ScaleBlock()
    ranking = RankingBlock()
    table = TableBlock()
    repeatable = RepeatableBlock()
