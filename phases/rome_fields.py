"""The candidate's field for a list of items chosen in the ROME (competences, job titles): each item
keeps its code and the label chosen, with details the block asks for (a level, a note…).

Inputs are named `<name>__<row>__<detail>` (`code` and `label` ride along hidden), like the rows of a
table. With JavaScript, the combobox (`static/js/rome-combobox.js`) adds rows as the candidate picks
items; without it, the search box is sent with the form (« Rechercher dans le ROME »), the page comes
back with the results as boxes to tick (`<name>__add`), and the next save adds them. A competence ROME
lacks is written in `<name>__own`."""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .answer_fields import CompositeField

LABEL_MAX_LENGTH = 300
QUERY_MAX_LENGTH = 200

NOT_IN_ROME = _("« %(label)s » ne figure pas dans le ROME : retirez-la de la liste, ou écrivez-la dans « %(own)s ».")
JOB_NOT_IN_ROME = _("« %(label)s » ne figure pas dans le ROME : retirez-le de la liste.")


class Detail(NamedTuple):
    """What the candidate says of each item: a degree to pick (`choices`), a text, or a box to tick."""

    name: str
    label: str
    kind: str  # choice | text | textarea | check
    max_length: int = 0
    choices: tuple = ()  # [(id, label)] for a choice

    def clean(self, raw):
        if self.kind == "check":
            return bool(raw)
        if self.kind == "choice":
            return raw if raw in {choice_id for choice_id, _label in self.choices} else ""
        return forms.CharField(max_length=self.max_length, required=False).clean(raw)


class Words(NamedTuple):
    """How a list speaks of its items (lazy texts)."""

    search_label: str  # « Rechercher une compétence dans le ROME »
    search_hint: str
    own_label: str  # « Une compétence absente du ROME » ("" when the list takes only ROME items)
    too_many: str  # ngettext_lazy(…, "max"), taking %(max)d
    empty: str  # what an empty list says
    added: str  # announced when an item is added: « %(label)s » ajoutée…


class ChosenItemsWidget(forms.Widget):
    template_name = "phases/widgets/rome_items.html"

    def __init__(self, *, details, catalogue, words, lookup, max_items):
        super().__init__()
        self.details, self.catalogue, self.words, self.lookup, self.max_items = (
            details,
            catalogue,
            words,
            lookup,
            max_items,
        )
        self.query = ""  # a search sent without JavaScript, answered when the page comes back

    def value_from_datadict(self, data, files, name):
        prefix, rows = f"{name}__", {}
        known = {"code", "label", "remove", *(detail.name for detail in self.details)}
        for key in data:
            if not key.startswith(prefix):
                continue
            row, _sep, part = key[len(prefix) :].partition("__")
            if row.isascii() and row.isdigit() and part in known:
                rows.setdefault(int(row), {})[part] = data.get(key, "")
        return {
            "rows": [rows[index] for index in sorted(rows)],
            "add": data.getlist(f"{prefix}add") if hasattr(data, "getlist") else data.get(f"{prefix}add") or [],
            "own": data.get(f"{prefix}own", ""),
            "query": data.get(f"{prefix}query", ""),
        }

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, dict):  # what was just posted, shown again with its error
            posted, own = [row for row in value.get("rows") or [] if not row.get("remove")], value.get("own", "")
        else:
            posted, own = [item for item in value or [] if isinstance(item, dict)], ""
        notices = self.catalogue.notices(row.get("code", "") for row in posted)
        base_id = attrs.get("id", name)
        chosen = {row.get("code") for row in posted}
        query = str(self.query or "")[:QUERY_MAX_LENGTH].replace("\x00", "")
        results = [entry for entry in self.catalogue.search(query) if entry.code not in chosen] if query else []
        context["widget"].update(
            words=self.words,
            lookup=self.lookup,
            base_id=base_id,
            own=own,
            query=query,
            searched=bool(query),
            results=results,
            is_full=len(posted) >= self.max_items,
            rows=[self.row(name, base_id, index, row, notices) for index, row in enumerate(posted)],
            blank=self.row(name, base_id, "__INDEX__", {}, {}),
        )
        return context

    def row(self, name, base_id, index, row, notices):
        kind = row.get("kind", "")
        return {
            "index": index,
            "prefix": f"{name}__{index}",
            "id": f"{base_id}__{index}",
            "code": row.get("code", ""),
            "label": row.get("label", ""),
            "kind_label": row.get("kind_label") or self.catalogue.kind_label(kind),
            "fiche": row.get("fiche", ""),
            "fiche_label": row.get("fiche_label", ""),
            "notice": notices.get(row.get("code", ""), ""),
            "details": [
                {"detail": detail, "name": f"{name}__{index}__{detail.name}", "value": row.get(detail.name, "")}
                for detail in self.details
            ],
        }


class ChosenItemsField(CompositeField):
    """The chosen items, in order: [{code, label, kind, …details}], at most `max_items`; a code the
    loaded ROME lacks is kept only if the saved answer already held it (a retired item)."""

    def __init__(self, *, details, catalogue, words, lookup, max_items, saved=None, **kwargs):
        self.details, self.catalogue, self.words, self.max_items = details, catalogue, words, max_items
        self.saved = {item.get("code"): item for item in saved or [] if isinstance(item, dict) and item.get("code")}
        kwargs.setdefault(
            "widget",
            ChosenItemsWidget(details=details, catalogue=catalogue, words=words, lookup=lookup, max_items=max_items),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if not isinstance(value, dict):
            return value or []
        rows = [row for row in value.get("rows") or [] if not row.get("remove")]
        codes = [row.get("code", "") for row in rows] + [str(code) for code in value.get("add") or []]
        current = self.catalogue.lookup(code for code in codes if code)
        items, errors, seen = [], [], set()
        for row in rows:
            item = self.item(row, current, errors)
            if item and self.key(item) not in seen:
                seen.add(self.key(item))
                items.append(item)
        for code in value.get("add") or []:
            if code in current and ("code", code) not in seen:
                seen.add(("code", code))
                items.append({**self.details_of({}), **current[code].stored()})
        own = forms.CharField(max_length=LABEL_MAX_LENGTH, required=False).clean(value.get("own", ""))
        if own and self.words.own_label and ("own", own.casefold()) not in seen:
            items.append({**self.details_of({}), "code": "", "label": own, "kind": "libre"})
        if errors:
            raise ValidationError(errors)
        if len(items) > self.max_items:
            raise ValidationError(self.words.too_many % {"max": self.max_items})
        return items

    @staticmethod
    def key(item):
        return ("code", item["code"]) if item["code"] else ("own", item["label"].casefold())

    def details_of(self, row) -> dict:
        return {detail.name: detail.clean(row.get(detail.name, "")) for detail in self.details}

    def item(self, row, current, errors):
        """The posted row as stored: a current item with its kind and fiche from the référentiel and the
        label the candidate chose; a retired one as saved; one of the candidate's own words."""
        label = forms.CharField(max_length=LABEL_MAX_LENGTH, required=False).clean(row.get("label", ""))
        code = str(row.get("code", ""))
        details = self.details_of(row)
        if code in current:
            return {**details, **current[code].stored(), "label": label or current[code].label}
        if code in self.saved:
            saved = self.saved[code]
            return {**details, **{key: saved.get(key, "") for key in ("code", "label", "kind", "fiche", "fiche_label")}}
        if code:
            message = NOT_IN_ROME if self.words.own_label else JOB_NOT_IN_ROME
            errors.append(message % {"label": label or code, "own": self.words.own_label})
            return None
        return {**details, "code": "", "label": label, "kind": "libre"} if label and self.words.own_label else None
