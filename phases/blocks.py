"""Question blocks of a phase. Each block knows how to ask (a form field), how to tell whether it
is answered, and how to show an answer read-only. Answers are stored keyed by the block's id."""

from django import forms
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import blocks

from . import answer_fields

# Rows a table or a repeatable question accepts: what an editor sets, within these bounds. Each row is
# laid out in the synthèse (.docx and PDF): the bound keeps the largest dossier's documents quick to build.
DEFAULT_MAX_ROWS = 50
MAX_ROWS_CEILING = 200
# Characters in one cell: a table cell or a one-line field holds a phrase, a multi-line field a paragraph.
TABLE_CELL_MAX_LENGTH = 300
FIELD_MAX_LENGTH = 200
MULTILINE_FIELD_MAX_LENGTH = 1_000
# Characters in one answer, whatever its kind: a long text, or all the cells of a table or of entries
# (about ten pages of the synthèse; docs/performance.md).
ANSWER_MAX_LENGTH = 20_000
ANSWER_CHARACTERS = _("%(max)s caractères au plus en tout.")


class InstructionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False)
    text = blocks.RichTextBlock(label=_("Texte"), features=["bold", "italic", "ul", "ol", "link"])

    is_question = False

    class Meta:
        icon = "info-circle"
        label = _("Consigne")
        template = "phases/blocks/instruction.html"
        help_text = _("Un texte d'explication, sans réponse attendue.")


class QuestionBlock(blocks.StructBlock):
    """What every question has: a label, a help text and a required flag."""

    label = blocks.CharBlock(label=_("Question"), max_length=300)
    help_text = blocks.CharBlock(label=_("Aide"), required=False, max_length=500)
    required = blocks.BooleanBlock(
        label=_("Obligatoire"), required=False, help_text=_("Requise pour marquer la phase comme terminée.")
    )

    is_question = True
    answer_template = "phases/answers/text.html"

    def form_field(self, value) -> forms.Field:
        raise NotImplementedError

    def largest_answer(self, value, fill):
        """The largest answer the form accepts, in the stored format, every limit reached; `fill(n)`
        gives a text of n characters. What bench/largest_answer.py renders into the synthèse."""
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

    def field_kwargs(self, value) -> dict:
        # Drafts may be incomplete: required questions are checked when the phase is finished.
        help_text = value["help_text"]
        if value["required"]:
            help_text = " ".join(filter(None, [str(_("Réponse obligatoire pour terminer la phase.")), help_text]))
        return {"label": value["label"], "help_text": help_text, "required": False}

    class Meta:
        template = "phases/blocks/question.html"


class ShortTextBlock(QuestionBlock):
    max_length = 500

    class Meta:
        icon = "pilcrow"
        label = _("Texte court")
        help_text = _("Une réponse sur une ligne (une date, un chiffre, quelques mots).")

    def form_field(self, value):
        return forms.CharField(max_length=self.max_length, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return fill(self.max_length)

    def is_answered(self, value, answer):
        return bool(str(answer or "").strip())


class LongTextBlock(ShortTextBlock):
    max_length = ANSWER_MAX_LENGTH

    class Meta:
        icon = "doc-full"
        label = _("Texte long")
        help_text = _("Une réponse rédigée, en un ou plusieurs paragraphes.")

    def form_field(self, value):
        return forms.CharField(
            max_length=self.max_length, widget=forms.Textarea(attrs={"rows": 6}), **self.field_kwargs(value)
        )


class ChoicesMixin(blocks.StructBlock):
    choices = blocks.ListBlock(blocks.CharBlock(label=_("Proposition"), max_length=200), label=_("Propositions"))

    def choice_list(self, value):
        return [(choice, choice) for choice in value["choices"]]


class SingleChoiceBlock(ChoicesMixin, QuestionBlock):
    answer_template = "phases/answers/choices.html"

    class Meta:
        icon = "radio-full"
        label = _("Choix unique")
        help_text = _("Le candidat choisit une proposition.")

    def form_field(self, value):
        return forms.ChoiceField(choices=self.choice_list(value), widget=forms.RadioSelect, **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return max(value["choices"], key=len)

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

    def form_field(self, value):
        return answer_fields.LimitedMultipleChoiceField(
            choices=self.choice_list(value), max_choices=value.get("max_choices") or 0, **self.field_kwargs(value)
        )

    def largest_answer(self, value, fill):
        choices = list(value["choices"])
        longest = sorted(choices, key=len, reverse=True)[: value.get("max_choices") or len(choices)]
        return [choice for choice in choices if choice in longest]

    def export_answer(self, value, answer):
        return list(answer or [])


class ScaleBlock(QuestionBlock):
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Élément"), max_length=300),
        label=_("Éléments à évaluer"),
        help_text=_("Chaque élément est noté sur l'échelle ; un seul élément pour une seule note."),
    )
    steps = blocks.IntegerBlock(label=_("Nombre de degrés"), min_value=2, max_value=10, default=5)
    min_label = blocks.CharBlock(label=_("Libellé du degré le plus bas"), max_length=100)
    max_label = blocks.CharBlock(label=_("Libellé du degré le plus haut"), max_length=100)
    answer_template = "phases/answers/scale.html"

    class Meta:
        icon = "list-ol"
        label = _("Échelle")
        help_text = _("Échelle de Likert : chaque élément est noté de 1 à N, avec des libellés aux extrémités.")

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

    def is_answered(self, value, answer):
        answer = answer or {}
        return all(item_id in answer for item_id, _label in self.items_by_id(value))

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


class RankingBlock(ChoicesMixin, QuestionBlock):
    answer_template = "phases/answers/choices.html"

    class Meta:
        icon = "order"
        label = _("Classement")
        help_text = _("Le candidat classe toutes les propositions, de la plus à la moins importante.")

    def form_field(self, value):
        return answer_fields.RankingField(choices=list(value["choices"]), **self.field_kwargs(value))

    def largest_answer(self, value, fill):
        return list(value["choices"])

    def is_answered(self, value, answer):
        return bool(answer) and len(answer) == len(value["choices"])

    def display_answer(self, value, answer):
        return answer or []

    def export_answer(self, value, answer):
        return list(answer or [])


def max_rows_block(label):
    """The editor's limit on the rows of a table or the entries of a repeatable question."""
    return blocks.IntegerBlock(
        label=label,
        min_value=1,
        max_value=MAX_ROWS_CEILING,
        default=DEFAULT_MAX_ROWS,
        help_text=format_lazy(
            _("Le candidat ne peut pas en ajouter davantage (de 1 à {ceiling} ; chacune compte dans la synthèse)."),
            ceiling=MAX_ROWS_CEILING,
        ),
    )


class RowsMixin:
    """Table and repeatable entries: rows the candidate adds, each a dict keyed by column id,
    at most `max_rows` of them (the editor's setting)."""

    answer_template = "phases/answers/rows.html"
    rows_widget_template = ""
    row_words: answer_fields.RowWords

    def column_specs(self, value):
        raise NotImplementedError

    def form_field(self, value):
        return answer_fields.RowsField(
            columns=self.column_specs(value),
            widget_template=self.rows_widget_template,
            max_rows=value["max_rows"],
            max_characters=ANSWER_MAX_LENGTH,
            words=self.row_words,
            **self.field_kwargs(value),
        )

    def largest_answer(self, value, fill):
        """Every row the editor allows, their cells as long as the answer's characters allow."""
        columns, rows = self.column_specs(value), value["max_rows"]
        share = ANSWER_MAX_LENGTH // (rows * len(columns))
        return [{column.id: fill(min(column.max_length, share)) for column in columns} for _row in range(rows)]

    def field_kwargs(self, value):
        kwargs = super().field_kwargs(value)
        limit = self.row_words.limit % {"max": value["max_rows"]}
        characters = ANSWER_CHARACTERS % {"max": number_format(ANSWER_MAX_LENGTH, force_grouping=True)}
        kwargs["help_text"] = " ".join(filter(None, [kwargs["help_text"], str(limit), str(characters)]))
        return kwargs

    def display_answer(self, value, answer):
        columns = self.column_specs(value)
        return {
            "layout": self.rows_widget_template.rsplit("/", 1)[-1].removesuffix(".html"),
            "headers": [column.label for column in columns],
            "rows": [[(column.label, row.get(column.id, "")) for column in columns] for row in answer or []],
        }

    def export_answer(self, value, answer):
        """[{column label: text}] for the rows that hold something (a repeated label gets « (2) »)."""
        rows = []
        for shown in self.display_answer(value, answer)["rows"]:
            row = {}
            for label, text in shown:
                key, number = str(label), 2
                while key in row:
                    key, number = f"{label} ({number})", number + 1
                row[key] = text
            if any(str(text or "").strip() for text in row.values()):
                rows.append(row)
        return rows


class TableBlock(RowsMixin, QuestionBlock):
    columns = blocks.ListBlock(
        blocks.CharBlock(label=_("Colonne"), max_length=100), label=_("Colonnes"), min_num=1
    )
    max_rows = max_rows_block(_("Nombre maximum de lignes"))
    rows_widget_template = "phases/widgets/table.html"
    row_words = answer_fields.RowWords(
        limit=ngettext_lazy("%(max)d ligne au plus.", "%(max)d lignes au plus.", "max"),
        full=ngettext_lazy(
            "Vous avez atteint le maximum : %(max)d ligne.", "Vous avez atteint le maximum : %(max)d lignes.", "max"
        ),
        too_many=ngettext_lazy(
            "Ce tableau accepte %(max)d ligne au plus ; videz les lignes en trop.",
            "Ce tableau accepte %(max)d lignes au plus ; videz les lignes en trop.",
            "max",
        ),
        row=_("Ligne %(number)d"),
    )

    class Meta:
        icon = "table"
        label = _("Tableau")
        help_text = _("Colonnes définies ici ; le candidat ajoute des lignes, jusqu'au nombre maximum choisi.")

    def column_specs(self, value):
        return [
            answer_fields.Column(child.id, child.value, TABLE_CELL_MAX_LENGTH)
            for child in value["columns"].bound_blocks
        ]


class EntryFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Intitulé"), max_length=150)
    multiline = blocks.BooleanBlock(label=_("Réponse sur plusieurs lignes"), required=False)


class RepeatableBlock(RowsMixin, QuestionBlock):
    fields = blocks.ListBlock(EntryFieldBlock(), label=_("Champs de chaque entrée"), min_num=1)
    max_rows = max_rows_block(_("Nombre maximum d'entrées"))
    rows_widget_template = "phases/widgets/entries.html"
    row_words = answer_fields.RowWords(
        limit=ngettext_lazy("%(max)d entrée au plus.", "%(max)d entrées au plus.", "max"),
        full=ngettext_lazy(
            "Vous avez atteint le maximum : %(max)d entrée.", "Vous avez atteint le maximum : %(max)d entrées.", "max"
        ),
        too_many=ngettext_lazy(
            "Cette question accepte %(max)d entrée au plus ; videz les entrées en trop.",
            "Cette question accepte %(max)d entrées au plus ; videz les entrées en trop.",
            "max",
        ),
        row=_("Entrée %(number)d"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Entrées répétables")
        help_text = _(
            "Une fiche par entrée (ex. une expérience) ; le candidat en ajoute, jusqu'au nombre maximum choisi."
        )

    def column_specs(self, value):
        return [
            answer_fields.Column(
                child.id,
                child.value["label"],
                MULTILINE_FIELD_MAX_LENGTH if child.value["multiline"] else FIELD_MAX_LENGTH,
                multiline=child.value["multiline"],
            )
            for child in value["fields"].bound_blocks
        ]


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
