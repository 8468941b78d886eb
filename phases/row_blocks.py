"""Questions answered in rows the candidate adds: a table (one line per row, under the editor's columns)
and repeatable entries (one card per entry, with the editor's fields)."""

from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import blocks

from . import answer_fields, block_previews, block_rules
from .document_answers import DocumentAnswer, clean, column_shares
from .question_block import ANSWER_CHARACTERS, ANSWER_MAX_LENGTH, QuestionBlock, YesNoBlock

# Rows a table or a repeatable question accepts: what an editor sets, within these bounds. Each row is
# laid out in the synthèse (.docx and PDF): the bound keeps the largest dossier's documents quick to build.
DEFAULT_MAX_ROWS = 50
MIN_ROWS, MAX_ROWS_CEILING = 1, 200
# Characters in one cell: a table cell or a one-line field holds a phrase, a multi-line field a paragraph.
TABLE_CELL_MAX_LENGTH = 300
FIELD_MAX_LENGTH = 200
MULTILINE_FIELD_MAX_LENGTH = 1_000
# The rows of the admin's preview of a phase (`sample_answer`).
SAMPLE_ROWS = 2
SAMPLE_CELL = _("Exemple %(number)d")


def max_rows_block(label):
    """The editor's limit on the rows of a table or the entries of a repeatable question."""
    return blocks.IntegerBlock(
        label=label,
        min_value=MIN_ROWS,
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
    layout: str  # "table" (a line per row, under the column headers) or "entries" (a card per row)
    rows_widget_template: str
    row_words: answer_fields.RowWords

    def column_specs(self, value):
        raise NotImplementedError

    def form_field(self, value, initial=None):
        """The rows' field; the saved cells of columns the question no longer has ride along hidden."""
        columns = self.column_specs(value)
        current = {column.id for column in columns}
        kept = dict.fromkeys(
            column_id for row in initial or [] if isinstance(row, dict) for column_id in row if column_id not in current
        )
        return answer_fields.RowsField(
            columns=columns,
            widget_template=self.rows_widget_template,
            max_rows=value["max_rows"],
            max_characters=ANSWER_MAX_LENGTH,
            words=self.row_words,
            kept=[answer_fields.Column(column_id, "", MULTILINE_FIELD_MAX_LENGTH) for column_id in kept],
            **self.field_kwargs(value),
        )

    def answered_parts(self, value, answer):
        return {column_id for row in answer or [] if isinstance(row, dict) for column_id, text in row.items() if text}

    def largest_answer(self, value, fill):
        """Every row the editor allows, their cells as long as the answer's characters allow."""
        columns, rows = self.column_specs(value), value["max_rows"]
        share = ANSWER_MAX_LENGTH // (rows * len(columns))
        return [{column.id: fill(min(column.max_length, share)) for column in columns} for _row in range(rows)]

    def sample_answer(self, value):
        """Two rows (fewer if the editor allows fewer), each cell « Exemple 1 », « Exemple 2 »."""
        rows = min(SAMPLE_ROWS, value["max_rows"] or SAMPLE_ROWS)  # a draft may leave the limit blank
        return [
            {column.id: str(SAMPLE_CELL % {"number": number}) for column in self.column_specs(value)}
            for number in range(1, rows + 1)
        ]

    def help_notes(self, value):
        limit = self.row_words.limit % {"max": value["max_rows"]}
        return [limit, ANSWER_CHARACTERS % {"max": number_format(ANSWER_MAX_LENGTH, force_grouping=True)}]

    def display_answer(self, value, answer, retired=()):
        """The columns (Parts: the current ones, then the retired ones that hold something) and, per row,
        (column, text) pairs."""
        answer = answer or []
        filled = self.answered_parts(value, answer)
        columns = [part for part in self.parts(value, retired).values() if not part.retired or part.id in filled]
        return {
            "layout": self.layout,
            "headers": columns,
            "rows": [[(column, row.get(column.id, "")) for column in columns] for row in answer],
        }

    def export_answer(self, value, data):
        """[{column label: text}] for the rows that hold something (a repeated label gets « (2) »)."""
        rows = []
        for shown in data["rows"]:
            row = {}
            for column, text in shown:
                label = column.shown
                key, number = str(label), 2
                while key in row:
                    key, number = f"{label} ({number})", number + 1
                row[key] = text
            if any(str(text or "").strip() for text in row.values()):
                rows.append(row)
        return rows

    def filled_rows(self, data) -> list:
        """`display_answer`'s rows that hold something: [[(column Part, text)]]."""
        return [row for row in (data or {}).get("rows") or [] if any(clean(text) for _label, text in row)]


class TableBlock(RowsMixin, QuestionBlock):
    columns = blocks.ListBlock(blocks.CharBlock(label=_("Colonne"), max_length=100), label=_("Colonnes"), min_num=1)
    parts_name = "columns"
    retired_part_words = _("colonne retirée du questionnaire")
    max_rows = max_rows_block(_("Nombre maximum de lignes"))
    layout = "table"
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
        description = _("Le candidat remplit un tableau aux colonnes que vous définissez, en ajoutant des lignes.")
        preview_value = block_previews.TABLE

    def rule_errors(self, value):
        columns = list(value["columns"])
        return block_rules.rows_errors(
            value, "columns", columns, block_rules.COLUMNS, rows=(MIN_ROWS, MAX_ROWS_CEILING)
        )

    def column_specs(self, value):
        return [
            answer_fields.Column(child.id, child.value, TABLE_CELL_MAX_LENGTH)
            for child in value["columns"].bound_blocks
        ]

    def document_answer(self, value, data):
        """A table: the columns' headers, then the rows that hold something; "empty" if none does."""
        rows = self.filled_rows(data)
        if not rows:
            return DocumentAnswer(clean(value["label"]))
        headers = [clean(header.shown) for header in data.get("headers") or []]
        cells = [[clean(text) for _label, text in row] for row in rows]
        return DocumentAnswer(
            clean(value["label"]), "table", headers=headers, rows=cells, widths=column_shares(headers, cells)
        )


class ActionPlanBlock(TableBlock):
    """The plan d'action: a table of steps, to which « Ajouter au plan d'action » (L'écart) adds a row
    holding the step in the column whose header says « Action » (the first column if none does)."""

    class Meta:
        icon = "list-ol"
        label = _("Plan d'action")
        help_text = _(
            "Un tableau d'actions ; « Ajouter au plan d'action » (L'écart) y inscrit une ligne, dans la colonne "
            "« Action » (ou la première)."
        )
        description = _("Le tableau des étapes du candidat, qui reçoit aussi celles ajoutées depuis L'écart.")
        preview_value = block_previews.ACTION_PLAN

    def step_column(self, value) -> str:
        columns = self.column_specs(value)
        named = [column.id for column in columns if "action" in block_rules.comparable(column.label)]
        return (named or [column.id for column in columns])[0]

    def with_step(self, value, answer, step: str) -> list | None:
        """The answer with `step` added as a last row, or None if a row already holds it or the table is
        full (`is_full`)."""
        rows = [row for row in answer or [] if isinstance(row, dict)]
        column = self.step_column(value)
        if any(block_rules.comparable(row.get(column)) == block_rules.comparable(step) for row in rows):
            return None
        return [*rows, {column: step[:TABLE_CELL_MAX_LENGTH]}]

    def is_full(self, value, answer) -> bool:
        return len([row for row in answer or [] if isinstance(row, dict)]) >= value["max_rows"]


class EntryFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Intitulé"), max_length=150)
    multiline = YesNoBlock(label=_("Réponse sur plusieurs lignes"), required=False)


class RepeatableBlock(RowsMixin, QuestionBlock):
    fields = blocks.ListBlock(EntryFieldBlock(), label=_("Champs de chaque entrée"), min_num=1)
    parts_name = "fields"
    retired_part_words = _("champ retiré du questionnaire")
    max_rows = max_rows_block(_("Nombre maximum d'entrées"))
    layout = "entries"
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
        description = _(
            "Le candidat ajoute des fiches (ex. ses expériences), chacune avec les champs que vous définissez."
        )
        preview_value = block_previews.REPEATABLE

    def rule_errors(self, value):
        labels = [field.get("label") for field in value["fields"]]
        return block_rules.rows_errors(
            value,
            "fields",
            labels,
            block_rules.ENTRY_FIELDS,
            rows=(MIN_ROWS, MAX_ROWS_CEILING),
            in_item=block_rules.label_error("label"),
        )

    def part_label(self, item):
        return item["label"]

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

    def document_answer(self, value, data):
        """The entries that hold something, each as (field, text) pairs, a dash for an empty field;
        "empty" if none holds anything."""
        rows = self.filled_rows(data)
        if not rows:
            return DocumentAnswer(clean(value["label"]))
        entries = [[(clean(field.shown), clean(text) or "—") for field, text in row] for row in rows]
        return DocumentAnswer(clean(value["label"]), "entries", rows=entries)
