"""Question blocks of a phase. Each block knows how to ask (a form field), how to tell whether it
is answered, how to show an answer read-only, in the data export and in the synthèse. Answers are
stored keyed by the block's id. The stream of a phase: `stream.py`; what every question has:
`question_block.py`; tables and repeatable entries: `row_blocks.py`; the blocks on the ROME
référentiel: `rome_blocks.py`; what a question must hold for candidates to finish it (checked by
`clean()`): `block_rules.py`; the sample questions of the editors' block chooser: `block_previews.py`."""

from collections import Counter
from typing import NamedTuple

from django import forms
from django.db.models import CharField, Count, Value
from django.db.models.fields.json import KT
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import answer_fields, block_previews, block_rules
from .document_answers import DocumentAnswer, clean
from .question_block import ANSWER_MAX_LENGTH, Part, QuestionBlock
from .summaries import Summary, counted

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

    def form_field(self, value, initial=None):
        return forms.CharField(max_length=self.max_length, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return fill(self.max_length)

    def sample_answer(self, value):
        return str(SAMPLE_TEXT)

    def is_answered(self, value, answer):
        return bool(str(answer or "").strip())

    def summarise(self, value, answers, *, with_texts):
        texts = [str(answer).strip() for answer in answers if self.is_answered(value, answer)]
        return [Summary(value["label"], "text", len(texts), texts=texts if with_texts else [])]


class LongTextBlock(ShortTextBlock):
    max_length = ANSWER_MAX_LENGTH

    class Meta:
        icon = "doc-full"
        label = _("Texte long")
        help_text = _("Une réponse rédigée, en un ou plusieurs paragraphes.")
        description = _("Le candidat rédige sa réponse, en un ou plusieurs paragraphes.")
        preview_value = block_previews.LONG_TEXT

    def form_field(self, value, initial=None):
        return forms.CharField(
            max_length=self.max_length, widget=forms.Textarea(attrs={"rows": 6}), **self.field_kwargs(value)
        )

    def sample_answer(self, value):
        return str(SAMPLE_LONG_TEXT)


class ChoicesMixin(blocks.StructBlock):
    """Single choice, multiple choice and ranking: answers hold the chosen propositions' ids."""

    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("Proposition"), max_length=200),
        label=_("Propositions"),
        min_num=2,
        help_text=_("Au moins deux propositions, toutes différentes."),
    )

    parts_name = "choices"
    retired_part_words = _("proposition retirée du questionnaire")
    numbered = False  # the order of the chosen propositions is the answer: a numbered list, not bullets

    def rule_errors(self, value):
        return block_rules.choices_errors(value)

    def choice_ids(self, value) -> list[str]:
        return [choice_id for choice_id, _label in self.part_labels(value)]

    def answered_parts(self, value, answer):
        return set([answer] if isinstance(answer, str) else answer or [])

    def keep_retired(self, value, saved, posted):
        """What was posted, then the saved propositions the question no longer has (in their order)."""
        current = set(self.choice_ids(value))
        kept = [choice for choice in saved or [] if choice not in current]
        return [*(posted or []), *kept]

    def display_answer(self, value, answer, retired=()):
        """The chosen Parts, in the editor's order, those no longer offered last."""
        chosen = self.answered_parts(value, answer)
        return [part for part_id, part in self.parts(value, retired).items() if part_id in chosen]

    def export_answer(self, value, data):
        return [part.shown for part in data or []]

    def document_answer(self, value, data):
        """The chosen propositions, as bullets (or numbered), from `display_answer`'s Parts."""
        items = [clean(part.shown) for part in data or [] if clean(part.label)]
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

    def form_field(self, value, initial=None):
        return forms.ChoiceField(choices=self.part_labels(value), widget=forms.RadioSelect, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return max(self.part_labels(value), key=lambda part: len(part[1]))[0]

    def sample_answer(self, value):
        return next(iter(self.choice_ids(value)), None)

    def is_answered(self, value, answer):
        return bool(answer) and answer in self.choice_ids(value)

    def keep_retired(self, value, saved, posted):
        """The proposition chosen now; if none is, the saved one when the question no longer offers it."""
        if posted or not saved or saved in self.choice_ids(value):
            return posted
        return saved

    def export_answer(self, value, data):
        return next(iter(super().export_answer(value, data)), None)

    def summarise(self, value, answers, *, with_texts):
        chosen = [answer for answer in answers if self.is_answered(value, answer)]
        return [counted(value["label"], "choice", chosen, self.part_labels(value))]


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

    def form_field(self, value, initial=None):
        return answer_fields.LimitedMultipleChoiceField(
            choices=self.part_labels(value), max_choices=value.get("max_choices") or 0, **self.field_kwargs(value)
        )

    def largest_answer(self, value, fill):
        """The longest propositions, as many as may be ticked, in the editor's order."""
        choices = self.part_labels(value)
        by_length = sorted(choices, key=lambda choice: len(choice[1]), reverse=True)
        longest = {choice_id for choice_id, _label in by_length[: value.get("max_choices") or len(choices)]}
        return [choice_id for choice_id, _label in choices if choice_id in longest]

    def sample_answer(self, value):
        return self.choice_ids(value)[: min(2, value.get("max_choices") or 2)]

    def is_answered(self, value, answer):
        return bool(set(answer or []) & set(self.choice_ids(value)))


SCALE_MIN_STEPS, SCALE_MAX_STEPS = 2, 10  # the scale goes from 1 to its number of degrees
# Beside a rating the scale no longer has (its degrees were lowered after it was given).
OFF_SCALE = _("note donnée sur l'ancienne échelle, plus longue")


class Rating(NamedTuple):
    """One rated item as a read-only screen shows it: the item (a Part, which says if it is retired),
    its rating, and a note when the rating is above the scale's degrees now."""

    item: Part
    rating: int | None
    note: str = ""


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
    parts_name = "items"
    retired_part_words = _("élément retiré du questionnaire")

    class Meta:
        icon = "list-ol"
        label = _("Échelle")
        help_text = _("Échelle de Likert : chaque élément est noté de 1 à N, avec des libellés aux extrémités.")
        description = _("Le candidat note chaque élément sur une échelle de 1 à N (échelle de Likert).")
        preview_value = block_previews.SCALE

    def rule_errors(self, value):
        return block_rules.scale_errors(value, steps=(SCALE_MIN_STEPS, SCALE_MAX_STEPS))

    def on_scale(self, value, rating) -> bool:
        return isinstance(rating, int) and 1 <= rating <= value["steps"]

    def form_field(self, value, initial=None):
        return answer_fields.ScaleField(
            items=self.part_labels(value),
            steps=value["steps"],
            min_label=value["min_label"],
            max_label=value["max_label"],
            **self.field_kwargs(value),
        )

    def largest_answer(self, value, fill):
        return {item_id: value["steps"] for item_id, _label in self.part_labels(value)}

    def sample_answer(self, value):
        """The items rated 1, 2, 3… in turn."""
        return {item_id: index % value["steps"] + 1 for index, (item_id, _label) in enumerate(self.part_labels(value))}

    def is_answered(self, value, answer):
        """Every item rated on the scale; a scale without items (a phase saved before the rules) is never
        answered."""
        answer, items = answer or {}, self.part_labels(value)
        return bool(items) and all(self.on_scale(value, answer.get(item_id)) for item_id, _label in items)

    def summarise(self, value, answers, *, with_texts):
        """Per item: the ratings given on the scale, their mean and distribution (« Accueil — 4,2 »)."""
        ratings = Counter(
            (item_id, rating)
            for answer in answers
            if isinstance(answer, dict)
            for item_id, _label in self.part_labels(value)
            if self.on_scale(value, rating := answer.get(item_id))
        )
        return self.summarise_counts(value, ratings)

    def rating_counts(self, value, answers, path: str) -> list:
        """Per item, a query of (item id, rating as text, how many) over `answers` (a queryset whose JSON at
        `path`, e.g. "answers__<question id>", holds this question's answer): many answers summed up by the
        database, the queries of every item and question united into one (`summarise_counts` reads them)."""
        return [
            answers.annotate(item=Value(item_id, CharField()), rating=KT(f"{path}__{item_id}"))
            .values("item", "rating")
            .annotate(n=Count("pk"))
            .values_list("item", "rating", "n")
            .order_by()
            for item_id, _label in self.part_labels(value)
        ]

    def summarise_counts(self, value, ratings) -> list:
        """`summarise`, from {(item id, degree): how many gave it} (counted here, or by `rating_counts`;
        a degree off the scale is not one of those read)."""
        items, summaries, steps = self.part_labels(value), [], value["steps"]
        for item_id, item in items:
            hits = [(degree, ratings.get((item_id, degree), 0)) for degree in range(1, steps + 1)]
            count = sum(n for _degree, n in hits)
            summaries.append(
                Summary(
                    value["label"] if len(items) == 1 else f"{value['label']} — {item}",
                    "scale",
                    count,
                    mean=round(sum(degree * n for degree, n in hits) / count, 1) if count else None,
                    distribution=[(str(degree), n, round(100 * n / count) if count else 0) for degree, n in hits],
                    steps=steps,
                )
            )
        return summaries

    def answered_parts(self, value, answer):
        return set(answer or {})

    def keep_retired(self, value, saved, posted):
        """The ratings posted, and the saved ones the form could not show: of items the scale no longer
        has, or above its new number of degrees (until the candidate rates the item again)."""
        current = {item_id for item_id, _label in self.part_labels(value)}
        kept = {
            item_id: rating
            for item_id, rating in (saved or {}).items()
            if item_id not in current or not self.on_scale(value, rating)
        }
        return {**kept, **(posted or {})}

    def display_answer(self, value, answer, retired=()):
        """The scale and a Rating per item: every current item, then the retired items that were rated."""
        answer = answer or {}
        rows = []
        for item_id, item in self.parts(value, retired).items():
            rating = answer.get(item_id)
            if item.retired and rating is None:
                continue
            off_scale = rating is not None and not self.on_scale(value, rating)
            rows.append(Rating(item, rating, str(OFF_SCALE) if off_scale and not item.retired else ""))
        return {"steps": value["steps"], "min_label": value["min_label"], "max_label": value["max_label"], "rows": rows}

    def export_answer(self, value, data):
        """The scale, then each item and its rating, with a « remarque » beside a retired one."""
        notes = []
        for row in data["rows"]:
            note, remark = {"element": row.item.label, "note": row.rating}, row.item.note or row.note
            notes.append({**note, "remarque": remark} if remark else note)
        return {
            "echelle": {"degres": data["steps"], "minimum": data["min_label"], "maximum": data["max_label"]},
            "notes": notes,
        }

    @staticmethod
    def document_rating(row: Rating, data: dict) -> str:
        """« 4 / 5 », with the label of that degree when it has one (« 5 / 5 (Très important) »); a dash
        when unrated; a rating off the scale (an older, longer one) with its note."""
        if row.rating is None:
            return "—"
        if row.note:
            return f"{row.rating} ({row.note})"
        steps = data.get("steps")
        label = {1: clean(data.get("min_label")), steps: clean(data.get("max_label"))}.get(row.rating)
        return f"{row.rating} / {steps} ({label})" if label else f"{row.rating} / {steps}"

    def document_answer(self, value, data):
        """Each item and its rating (« Sécurité — 4 / 5 » once laid out) under what 1 and N mean; "empty"
        if none is rated."""
        data = data or {}
        rows = data.get("rows") or []
        if all(row.rating is None for row in rows):
            return DocumentAnswer(clean(value["label"]))
        steps = data.get("steps")
        return DocumentAnswer(
            clean(value["label"]),
            "scale",
            caption=f"1 = {clean(data.get('min_label'))} ; {steps} = {clean(data.get('max_label'))}",
            rows=[[clean(row.item.shown), self.document_rating(row, data)] for row in rows],
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

    def form_field(self, value, initial=None):
        return answer_fields.RankingField(choices=self.part_labels(value), **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return self.choice_ids(value)

    def sample_answer(self, value):
        return self.choice_ids(value)

    def is_answered(self, value, answer):
        """Every current proposition ranked (retired ones kept in the answer do not count)."""
        choices = self.choice_ids(value)
        return bool(choices) and set(choices) <= set(answer or [])

    def display_answer(self, value, answer, retired=()):
        """The ranked Parts in their rank, those no longer offered last."""
        parts = self.parts(value, retired)
        ranked = [parts[choice] for choice in answer or [] if choice in parts]
        return sorted(ranked, key=lambda part: part.retired)
