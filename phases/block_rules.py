"""What a question must hold for a candidate to be able to finish it. The question blocks' `clean()`
(`QuestionBlock.clean`) runs these checks in the page editor, for a draft as for a publication; each
error is shown next to the child block at fault (the list, and the repeated item in it)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import ListBlockValidationError, StructBlockValidationError

DUPLICATE_HINT = _("les majuscules et les espaces au début ou à la fin ne comptent pas")


@dataclass(frozen=True)
class ListWords:
    """What an editor reads about one list of a question: too few items, one repeated (the whole
    list, with `%(text)s` the repeated text and `%(hint)s` how texts are compared), the repeat itself."""

    too_few: str
    duplicate: str
    repeat: str


CHOICES = ListWords(
    too_few=_("Ajoutez au moins deux propositions."),
    duplicate=_("Les propositions doivent être toutes différentes : « %(text)s » figure plusieurs fois (%(hint)s)."),
    repeat=_("Cette proposition figure déjà plus haut."),
)
SCALE_ITEMS = ListWords(
    too_few=_("Ajoutez au moins un élément à évaluer."),
    duplicate=_("Les éléments à évaluer doivent être tous différents : « %(text)s » figure plusieurs fois (%(hint)s)."),
    repeat=_("Cet élément figure déjà plus haut."),
)
COLUMNS = ListWords(
    too_few=_("Ajoutez au moins une colonne."),
    duplicate=_("Les colonnes doivent être toutes différentes : « %(text)s » figure plusieurs fois (%(hint)s)."),
    repeat=_("Cette colonne figure déjà plus haut."),
)
ENTRY_FIELDS = ListWords(
    too_few=_("Ajoutez au moins un champ."),
    duplicate=_(
        "Les intitulés des champs doivent être tous différents : « %(text)s » figure plusieurs fois (%(hint)s)."
    ),
    repeat=_("Cet intitulé figure déjà plus haut."),
)
MAX_CHOICES_ABOVE = _(
    "Le nombre maximum de choix (%(max)d) dépasse le nombre de propositions (%(count)d) : "
    "indiquez au plus %(count)d, ou 0 pour ne pas limiter."
)
STEPS_OUT_OF_BOUNDS = _(
    "Le nombre de degrés doit être compris entre %(min)d et %(max)d (l'échelle va de 1 à ce nombre)."
)
ROWS_OUT_OF_BOUNDS = _("Le nombre maximum doit être compris entre %(min)d et %(max)d.")


def comparable(text) -> str:
    """How two texts of a list are compared: without case, nor spaces at either end."""
    return str(text or "").strip().casefold()


def as_int(value):
    """The number an editor typed (a form's text before cleaning, or an int), or None if it is none."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def filled(texts) -> list[str]:
    """The texts of a list that hold something: an empty item counts for nothing."""
    return [str(text).strip() for text in texts if comparable(text)]


def list_error(texts, words: ListWords, *, at_least: int, in_item=None):
    """The error on a list of texts (a ListBlock's items, in order): fewer than `at_least` that hold
    something, or a text repeated; None if there is none. `in_item` wraps the repeat's message for an
    item that is not a text itself (a StructBlock's child)."""
    texts = list(texts)
    if len(filled(texts)) < at_least:
        return ValidationError(words.too_few)
    first, repeats = {}, {}
    for index, text in enumerate(texts):
        key = comparable(text)
        if not key:
            continue
        if key in first:
            repeat = ValidationError(words.repeat)
            repeats[index] = in_item(repeat) if in_item else repeat
        else:
            first[key] = str(text).strip()
    if not repeats:
        return None
    text = first[comparable(texts[min(repeats)])]
    message = ValidationError(words.duplicate % {"text": text, "hint": DUPLICATE_HINT})
    return ListBlockValidationError(block_errors=repeats, non_block_errors=[message])


def bounds_error(value, low: int, high: int, message: str):
    """The error on a number outside [low, high]; None when inside, or not a number (its own block says)."""
    number = as_int(value)
    if number is None or low <= number <= high:
        return None
    return ValidationError(message % {"min": low, "max": high})


def label_error(name: str):
    """Wrap an item's error for a StructBlock item: shown next to its child `name`."""
    return lambda error: StructBlockValidationError(block_errors={name: error})


def choices_errors(value) -> dict:
    """Single choice, multiple choice and ranking: two propositions at least, all different."""
    error = list_error(value["choices"], CHOICES, at_least=2)
    return {"choices": error} if error else {}


def multiple_choice_errors(value) -> dict:
    """Multiple choice: the propositions' rules, and a limit they can reach (0: no limit)."""
    errors = choices_errors(value)
    count, limit = len(filled(value["choices"])), as_int(value.get("max_choices")) or 0
    if "choices" not in errors and limit > count:
        errors["max_choices"] = ValidationError(MAX_CHOICES_ABOVE % {"max": limit, "count": count})
    return errors


def scale_errors(value, *, steps: tuple[int, int]) -> dict:
    """Scale: one item at least, all different; a number of degrees within `steps` (1 is the lowest)."""
    errors = {"items": list_error(value["items"], SCALE_ITEMS, at_least=1)}
    errors["steps"] = bounds_error(value["steps"], *steps, STEPS_OUT_OF_BOUNDS)
    return {name: error for name, error in errors.items() if error}


def rows_errors(value, name: str, texts, words: ListWords, *, rows: tuple[int, int], in_item=None) -> dict:
    """Table and repeatable entries: one column (or field) at least in the child `name`, whose texts are
    `texts`, all different; a row limit within `rows`."""
    errors = {name: list_error(texts, words, at_least=1, in_item=in_item)}
    errors["max_rows"] = bounds_error(value["max_rows"], *rows, ROWS_OUT_OF_BOUNDS)
    return {child: error for child, error in errors.items() if error}
