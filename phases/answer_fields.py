"""Form fields and widgets for the answers that are more than a text or a choice:
scales (a Likert grid), rankings, and rows (tables and repeatable entries)."""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .drawn_once import Mark, drawn


class Column(NamedTuple):
    id: str
    label: str
    max_length: int  # characters in one cell
    multiline: bool = False


class RowWords(NamedTuple):
    """How a rows question speaks of its rows (lazy texts; `limit`, `full`, `too_many` take %(max)d,
    `row` takes %(number)d)."""

    limit: str  # next to the question: « 50 lignes au plus. »
    full: str  # by the add button, once the limit is reached
    too_many: str  # the field's error when more rows are sent
    row: str  # « Ligne 3 », naming a cell in an error


class LimitedMultipleChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, max_choices=0, **kwargs):
        self.max_choices = max_choices
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise ValidationError(
                ngettext(
                    "Choisissez au plus %(n)d proposition.", "Choisissez au plus %(n)d propositions.", self.max_choices
                ),
                params={"n": self.max_choices},
            )


class CompositeField(forms.Field):
    """A field made of several inputs, rendered as a fieldset whose legend is the question."""

    template_name = "phases/fields/fieldset.html"


class DrawnOnceWidget(forms.Widget):
    """A widget drawn once per definition and name (`drawn_once.py`): a subclass gives its `definition()`
    and the `marks()` of an answer, which follow its template."""

    def definition(self) -> tuple:
        raise NotImplementedError

    def marks(self, name, value) -> list[Mark]:
        raise NotImplementedError

    def render(self, name, value, attrs=None, renderer=None):
        key = (type(self), self.definition(), name, tuple(sorted((attrs or {}).items())))
        unanswered = super().render
        return drawn(key, lambda: unanswered(name, None, attrs, renderer), self.marks(name, value))


class ScaleWidget(DrawnOnceWidget):
    template_name = "phases/widgets/scale.html"

    def __init__(self, *, items, steps, min_label, max_label):
        super().__init__()
        self.items, self.steps, self.min_label, self.max_label = items, steps, min_label, max_label

    def value_from_datadict(self, data, files, name):
        return {item_id: data[f"{name}__{item_id}"] for item_id, _label in self.items if data.get(f"{name}__{item_id}")}

    def degrees(self) -> list[str]:
        return [str(step) for step in range(1, self.steps + 1)]

    def definition(self):
        return (tuple(map(tuple, self.items)), self.steps, str(self.min_label), str(self.max_label))

    def marks(self, name, value):
        """` checked` on each statement's rated degree, as the template writes it (`get_context`)."""
        value = value if isinstance(value, dict) else {}
        ratings = {f"{name}__{item_id}": str(value.get(item_id, "")) for item_id, _label in self.items}
        return [
            Mark((format_html('id="{}_{}" name="{}" value="{}"', item, rating, item, rating), ">"), " checked")
            for item, rating in ratings.items()
            if rating in self.degrees()
        ]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value if isinstance(value, dict) else {}
        # The end labels, read with the first and last degree (a screen reader hears « 1 (Pas du tout) »).
        ends = {"1": f" ({self.min_label})", str(self.steps): f" ({self.max_label})"}
        items = []
        for item_id, label in self.items:
            item_name, rating = f"{name}__{item_id}", str(value.get(item_id, ""))
            steps = [
                {"id": f"{item_name}_{step}", "value": step, "checked": rating == step, "end": ends.get(step, "")}
                for step in self.degrees()
            ]
            items.append({"name": item_name, "label": label, "steps": steps})
        context["widget"].update(steps=self.steps, min_label=self.min_label, max_label=self.max_label, items=items)
        return context


class ScaleField(CompositeField):
    def __init__(self, *, items, steps, min_label, max_label, **kwargs):
        self.items, self.steps = items, steps
        kwargs.setdefault("widget", ScaleWidget(items=items, steps=steps, min_label=min_label, max_label=max_label))
        super().__init__(**kwargs)

    def to_python(self, value):
        ratings = {}
        for item_id, raw in (value or {}).items():
            try:
                rating = int(raw)
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= self.steps:
                raise ValidationError(_("Choisissez une note entre 1 et %(n)d."), params={"n": self.steps})
            ratings[item_id] = rating
        return ratings


class RankingWidget(DrawnOnceWidget):
    """A rank to pick for each proposition, inputs named `<name>__<proposition id>`."""

    template_name = "phases/widgets/ranking.html"

    def __init__(self, *, choices):
        super().__init__()
        self.choices = choices  # [(id, label)]

    def value_from_datadict(self, data, files, name):
        return {choice_id: data.get(f"{name}__{choice_id}", "") for choice_id, _label in self.choices}

    def positions(self) -> list[str]:
        return [str(position) for position in range(1, len(self.choices) + 1)]

    def ranks(self, value) -> dict:
        """{proposition id: its rank as text} of a saved answer (the ids in rank order, retired ones left
        out) or of what was just posted ({id: rank})."""
        if isinstance(value, list):
            current = [choice_id for choice_id, _label in self.choices]
            ranked = [choice for choice in value if choice in current]
            return {choice: str(position) for position, choice in enumerate(ranked, start=1)}
        return value if isinstance(value, dict) else {}

    def definition(self):
        return tuple(map(tuple, self.choices))

    def marks(self, name, value):
        """` selected` on the rank of each proposition's list, as the template writes it (`get_context`)."""
        ranks, positions, marks = self.ranks(value), self.positions(), []
        for choice_id, _label in self.choices:
            if (rank := ranks.get(choice_id, "")) in positions:
                select, option = format_html('name="{}__{}">', name, choice_id), format_html('<option value="{}"', rank)
                marks.append(Mark((select, option, ">"), " selected"))
        return marks

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ranks = self.ranks(value)
        context["widget"].update(
            positions=self.positions(),
            choices=[
                {"name": f"{name}__{choice_id}", "label": label, "value": ranks.get(choice_id, "")}
                for choice_id, label in self.choices
            ],
        )
        return context


class RankingField(CompositeField):
    """The propositions' ids in rank order, every one ranked once (or none: no answer yet)."""

    def __init__(self, *, choices, **kwargs):
        self.choices = choices  # [(id, label)]
        kwargs.setdefault("widget", RankingWidget(choices=choices))
        super().__init__(**kwargs)

    def to_python(self, value):
        ranks = {choice: rank for choice, rank in (value or {}).items() if rank}
        if not ranks:
            return []
        positions = {str(p) for p in range(1, len(self.choices) + 1)}
        if len(ranks) != len(self.choices) or set(ranks.values()) != positions:
            raise ValidationError(
                _("Donnez un rang différent à chacune des %(n)d propositions (de 1 à %(n)d)."),
                params={"n": len(self.choices)},
            )
        return sorted(ranks, key=lambda choice: int(ranks[choice]))


class RowsWidget(forms.Widget):
    """Rows of inputs named `<name>__<row>__<column id>`; a blank row is offered below the limit. The
    `kept` columns (the question no longer has them) travel with their row in hidden inputs."""

    def __init__(self, *, columns, template_name, max_rows, full_text, kept=()):
        super().__init__()
        self.columns, self.template_name, self.kept = columns, template_name, list(kept)
        self.max_rows, self.full_text = max_rows, full_text

    def value_from_datadict(self, data, files, name):
        prefix = f"{name}__"
        column_ids = {column.id for column in [*self.columns, *self.kept]}
        rows: dict[int, dict] = {}
        for key in data:
            if not key.startswith(prefix):
                continue
            row, _sep, column_id = key[len(prefix) :].partition("__")
            # ASCII digits only: str.isdigit() also accepts « ² » or « ٣ », which int() refuses or reads.
            if row.isascii() and row.isdigit() and column_id in column_ids:
                rows.setdefault(int(row), {})[column_id] = data.get(key, "")
        return [rows[index] for index in sorted(rows)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = [row for row in (value or []) if isinstance(row, dict)]
        if len(rows) < self.max_rows:
            rows.append({})
        base_id = attrs.get("id", name)
        context["widget"].update(
            columns=self.columns,
            max_rows=self.max_rows,
            full_text=self.full_text,
            full_id=f"{base_id}__full",
            is_full=len(rows) >= self.max_rows,
            rows=[
                {
                    "number": number,
                    "cells": [
                        {
                            "name": f"{name}__{index}__{column.id}",
                            "id": f"{base_id}__{index}__{column.id}",
                            "label": column.label,
                            "multiline": column.multiline,
                            "max_length": column.max_length,
                            "value": row.get(column.id, ""),
                        }
                        for column in self.columns
                    ],
                    "kept": [
                        {"name": f"{name}__{index}__{column.id}", "value": row[column.id]}
                        for column in self.kept
                        if row.get(column.id)
                    ],
                }
                for number, (index, row) in enumerate(enumerate(rows), start=1)
            ],
        )
        return context


TOO_LONG = _("Cette réponse compte %(count)s caractères, pour %(max)s au plus : raccourcissez-la.")


class RowsField(CompositeField):
    """The rows that hold something, each cell a text checked as a CharField checks it (length,
    no NUL character); at most `max_rows` of them, and `max_characters` in all their cells."""

    def __init__(self, *, columns, widget_template, max_rows, max_characters, words: RowWords, kept=(), **kwargs):
        self.columns, self.max_rows, self.max_characters, self.words = columns, max_rows, max_characters, words
        self.kept_columns = list(kept)  # columns the question no longer has, still in the saved rows
        self.cells = {
            column.id: forms.CharField(max_length=column.max_length, required=False) for column in [*columns, *kept]
        }
        kwargs.setdefault(
            "widget",
            RowsWidget(
                columns=columns,
                template_name=widget_template,
                max_rows=max_rows,
                full_text=words.full % {"max": max_rows},
                kept=kept,
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        labels = {column.id: column.label for column in [*self.columns, *self.kept_columns]}
        rows, errors = [], []
        for number, row in enumerate(value or [], start=1):
            cleaned = {}
            for column_id, text in row.items():
                try:
                    cleaned[column_id] = self.cells[column_id].clean(text)
                except ValidationError as error:
                    where = self.words.row % {"number": number}
                    errors += [f"{where}, « {labels[column_id]} » : {message}" for message in error.messages]
            if any(cleaned.values()):
                rows.append(cleaned)
        if errors:
            raise ValidationError(errors)
        if len(rows) > self.max_rows:
            raise ValidationError(self.words.too_many % {"max": self.max_rows})
        count = sum(len(text) for row in rows for text in row.values())
        if count > self.max_characters:
            figures = {"count": count, "max": self.max_characters}
            grouped = {name: number_format(figure, force_grouping=True) for name, figure in figures.items()}
            raise ValidationError(TOO_LONG % grouped)
        return rows
