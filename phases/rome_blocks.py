"""Question blocks on France Travail's ROME référentiel (`skills`): the competences a candidate
identifies, the jobs they consider (or held), their interests scored into a Holland (RIASEC) code; and
two blocks that show what the portal computes from them, « Métiers à explorer » and « L'écart ».

Their answers feed the candidate's ROME profile (`rome_profile.py`): each block says what it gives
(`add_to_profile`). A choice keeps its code and the label chosen: a newer ROME never changes it, and
a code it removed is shown with « n'existe plus dans le ROME v… »."""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import blocks

from skills.riasec import DIMENSIONS, NAMES, profile_from_ratings

from . import block_previews, block_rules
from .blocks import ScaleBlock
from .document_answers import DocumentAnswer, clean, column_shares
from .question_block import Part, QuestionBlock
from .rome_catalogues import CompetenceCatalogue, JobCatalogue
from .rome_fields import LABEL_MAX_LENGTH, ChosenItemsField, Detail, Words

# The combobox's source of results (candidates/explore), one list per block.
LOOKUP_URL = reverse_lazy("explore:lookup")
MAX_ITEMS_CEILING = 60
LEVELS = block_rules.ListWords(
    too_few=_("Ajoutez au moins deux degrés."),
    duplicate=_("Les degrés doivent être tous différents : « %(text)s » figure plusieurs fois (%(hint)s)."),
    repeat=_("Ce degré figure déjà plus haut."),
)
INTEREST_ITEMS = block_rules.ListWords(
    too_few=_("Ajoutez au moins un élément par dimension."),
    duplicate=_("Les éléments doivent être tous différents : « %(text)s » figure plusieurs fois (%(hint)s)."),
    repeat=_("Cet élément figure déjà plus haut."),
)
MISSING_DIMENSIONS = _("Chaque dimension a besoin d'au moins un élément ; il n'y en a aucun pour : %(names)s.")


@dataclass
class ShownItem:
    """One chosen item as read-only screens, exports and documents show it."""

    code: str
    label: str
    kind_label: str
    notice: str = ""  # « n'existe plus dans le ROME v461 »
    fiche: str = ""
    fiche_label: str = ""
    level: Part | None = None
    text: str = ""  # the experience it was put to use in, or the note on a job
    key: bool = False


@dataclass
class RomeProfile:
    """What a candidate's answers say, in the référentiel's terms (`rome_profile.py` gathers it)."""

    competences: list = field(default_factory=list)  # ShownItems, each once
    jobs_considered: list = field(default_factory=list)  # ShownItems
    jobs_held: list = field(default_factory=list)  # ShownItems
    interests: object = None  # skills.riasec.InterestProfile, from the last inventory answered

    @property
    def competence_codes(self) -> list[str]:
        return [item.code for item in self.competences if item.code]

    @property
    def key_competences(self) -> list:
        return [item for item in self.competences if item.key]

    def add_competences(self, items):
        known = {(item.code or item.label.casefold()) for item in self.competences}
        self.competences += [item for item in items if (item.code or item.label.casefold()) not in known]


class RomeItemsBlock(QuestionBlock):
    """Items the candidate picks in the ROME, each with a degree on the editor's scale (`levels`)."""

    max_items = blocks.IntegerBlock(label=_("Nombre maximum d'éléments"), min_value=1, max_value=MAX_ITEMS_CEILING)
    parts_name = "levels"
    retired_part_words = _("degré retiré du questionnaire")
    answer_template = "phases/answers/rome_items.html"
    catalogue = CompetenceCatalogue()
    lookup_list = ""  # the combobox's list (`?liste=`)
    words: Words

    def details(self, value) -> list[Detail]:
        raise NotImplementedError

    def level_detail(self, value, label) -> Detail:
        return Detail("level", label, "choice", choices=tuple(self.part_labels(value)))

    def rule_errors(self, value):
        errors = {"levels": block_rules.list_error(value["levels"], LEVELS, at_least=2)}
        errors["max_items"] = block_rules.bounds_error(
            value["max_items"], 1, MAX_ITEMS_CEILING, block_rules.ROWS_OUT_OF_BOUNDS
        )
        return {name: error for name, error in errors.items() if error}

    def form_field(self, value, initial=None):
        return ChosenItemsField(
            details=self.details(value),
            catalogue=self.catalogue,
            words=self.words,
            lookup=format_lazy("{url}?liste={list}", url=LOOKUP_URL, list=self.lookup_list),
            max_items=value["max_items"] or MAX_ITEMS_CEILING,
            saved=initial,
            **self.field_kwargs(value),
        )

    def is_answered(self, value, answer):
        return any(isinstance(item, dict) and item.get("label") for item in answer or [])

    def is_full(self, value, answer) -> bool:
        return len([item for item in answer or [] if isinstance(item, dict)]) >= (
            value["max_items"] or MAX_ITEMS_CEILING
        )

    def answered_parts(self, value, answer):
        return {item.get("level") for item in answer or [] if isinstance(item, dict) and item.get("level")}

    def keep_retired(self, value, saved, posted):
        """The items posted; an item's degree the scale no longer has stays until the candidate picks one."""
        current = {level_id for level_id, _label in self.part_labels(value)}
        kept = {
            item["code"] or item["label"]: item["level"]
            for item in saved or []
            if isinstance(item, dict) and item.get("level") and item["level"] not in current
        }
        return [
            {**item, "level": item.get("level") or kept.get(item["code"] or item["label"], "")} for item in posted or []
        ]

    def display_answer(self, value, answer, retired=()):
        """ShownItems, in the candidate's order."""
        items = [item for item in answer or [] if isinstance(item, dict)]
        levels = self.parts(value, retired)
        notices = self.catalogue.notices(item.get("code", "") for item in items)
        return [
            ShownItem(
                code=item.get("code", ""),
                label=item.get("label", ""),
                kind_label=self.catalogue.kind_label(item.get("kind", "")),
                notice=notices.get(item.get("code", ""), ""),
                fiche=item.get("fiche", ""),
                fiche_label=item.get("fiche_label", ""),
                level=levels.get(item.get("level", "")),
                text=item.get("experience", "") or item.get("note", ""),
                key=bool(item.get("key")),
            )
            for item in items
        ]

    def largest_answer(self, value, fill):
        levels = self.part_labels(value)
        return [
            {"code": "", "label": fill(LABEL_MAX_LENGTH), "kind": "libre", "level": levels[-1][0], "key": True}
            | {detail.name: fill(detail.max_length) for detail in self.details(value) if detail.max_length}
            for _item in range(value["max_items"] or MAX_ITEMS_CEILING)
        ]

    def sample_answer(self, value):
        levels = self.part_labels(value)
        return [
            {
                "code": "",
                "label": str(label),
                "kind": "libre",
                "level": levels[index % len(levels)][0] if levels else "",
            }
            for index, label in enumerate(self.sample_labels)
        ]


class RomeCompetencesBlock(RomeItemsBlock):
    """Savoir-faire and savoir-être from the ROME (or the candidate's own words), each with a degree
    of mastery, the experience it was put to use in, and whether it is a key competence."""

    levels = blocks.ListBlock(
        blocks.CharBlock(label=_("Degré"), max_length=60),
        label=_("Degrés de maîtrise"),
        min_num=2,
        default=["Je découvre", "Je pratique", "Je maîtrise"],
        help_text=_("Du plus faible au plus fort ; le candidat en choisit un par compétence."),
    )
    max_items = blocks.IntegerBlock(
        label=_("Nombre maximum de compétences"), min_value=1, max_value=MAX_ITEMS_CEILING, default=30
    )
    lookup_list = "competences"
    sample_labels = (_("Accueillir une clientèle"), _("Travailler en équipe"))
    words = Words(
        search_label=_("Rechercher une compétence dans le ROME"),
        search_hint=_("Tapez quelques lettres, par exemple « accueil » ou « équipe », puis choisissez."),
        own_label=_("Ajouter une compétence absente du ROME"),
        too_many=ngettext_lazy(
            "Gardez %(max)d compétence au plus ; retirez-en.", "Gardez %(max)d compétences au plus ; retirez-en.", "max"
        ),
        empty=_("Aucune compétence pour l'instant : recherchez-en une ci-dessus."),
        added=_("« %(label)s » ajoutée à votre liste."),
    )

    class Meta:
        icon = "tasks"
        label = _("Compétences (ROME)")
        help_text = _(
            "Le candidat recherche ses savoir-faire et savoir-être dans le ROME (ou en écrit un), indique son "
            "degré de maîtrise, l'expérience liée, et marque ses compétences clés."
        )
        description = _("Le candidat choisit ses compétences dans le référentiel ROME et dit comment il les maîtrise.")
        preview_value = block_previews.ROME_COMPETENCES

    def details(self, value):
        return [
            self.level_detail(value, _("Maîtrise")),
            Detail("experience", _("Expérience où je l'ai mise en œuvre (facultatif)"), "text", 200),
            Detail("key", _("C'est une de mes compétences clés"), "check"),
        ]

    def add_to_profile(self, value, answer, profile: RomeProfile):
        profile.add_competences(self.display_answer(value, answer))

    def export_answer(self, value, data):
        return [
            {
                "competence": item.label,
                "code_rome": item.code,
                "type": item.kind_label,
                "maitrise": item.level.shown if item.level else "",
                "experience": item.text,
                "competence_cle": item.key,
            }
            | ({"remarque": item.notice} if item.notice else {})
            for item in data or []
        ]

    def document_answer(self, value, data):
        if not data:
            return DocumentAnswer(clean(value["label"]))
        headers = [str(_("Compétence")), str(_("Type")), str(_("Maîtrise")), str(_("Expérience"))]
        rows = [
            [
                clean(f"{item.label}{' (' + item.notice + ')' if item.notice else ''}{' — clé' if item.key else ''}"),
                clean(item.kind_label),
                clean(item.level.shown if item.level else "—"),
                clean(item.text) or "—",
            ]
            for item in data
        ]
        return DocumentAnswer(
            clean(value["label"]), "table", headers=headers, rows=rows, widths=column_shares(headers, rows)
        )


class RomeJobsBlock(RomeItemsBlock):
    """Job titles from the ROME the candidate considers (how attractive each is, and a note), or those
    they held (`relation`): the suggestions start from both, through the ROME's mobility links."""

    CONSIDERED, HELD = "envisages", "exerces"
    relation = blocks.ChoiceBlock(
        choices=[(CONSIDERED, _("Métiers envisagés")), (HELD, _("Métiers exercés"))],
        default=CONSIDERED,
        label=_("Ces métiers sont"),
        help_text=_("Les métiers exercés rapprochent les suggestions du parcours ; les envisagés montrent l'écart."),
    )
    levels = blocks.ListBlock(
        blocks.CharBlock(label=_("Degré"), max_length=60),
        label=_("Degrés d'attrait"),
        min_num=2,
        default=["Peu attirant", "Attirant", "Très attirant"],
        help_text=_("Pour les métiers envisagés : du plus faible au plus fort."),
    )
    max_items = blocks.IntegerBlock(
        label=_("Nombre maximum de métiers"), min_value=1, max_value=MAX_ITEMS_CEILING, default=10
    )
    catalogue = JobCatalogue()
    lookup_list = "metiers"
    sample_labels = (_("Aide-soignant / Aide-soignante"), _("Auxiliaire de puériculture"))
    words = Words(
        search_label=_("Rechercher un métier dans le ROME"),
        search_hint=_("Tapez quelques lettres d'un intitulé, par exemple « aide soignant », puis choisissez."),
        own_label="",
        too_many=ngettext_lazy(
            "Gardez %(max)d métier au plus ; retirez-en.", "Gardez %(max)d métiers au plus ; retirez-en.", "max"
        ),
        empty=_("Aucun métier pour l'instant : recherchez-en un ci-dessus."),
        added=_("« %(label)s » ajouté à votre liste."),
    )

    class Meta:
        icon = "site"
        label = _("Métiers (ROME)")
        help_text = _("Le candidat recherche des intitulés de métiers dans le ROME et les garde, avec une note.")
        description = _("Le candidat garde les métiers qu'il envisage (ou qu'il a exercés), choisis dans le ROME.")
        preview_value = block_previews.ROME_JOBS

    def details(self, value):
        note = Detail("note", _("Note (facultatif)"), "textarea", 500)
        if value.get("relation") == self.HELD:
            return [note]
        return [self.level_detail(value, _("Attrait")), note]

    def takes_considered_jobs(self, value) -> bool:
        return value.get("relation") != self.HELD

    def with_job(self, value, answer, entry) -> list | None:
        """The answer with the job title `entry` (a RomeEntry) added last; None if it is there already."""
        items = [item for item in answer or [] if isinstance(item, dict)]
        if any(item.get("code") == entry.code for item in items):
            return None
        return [*items, {**entry.stored(), "level": "", "note": ""}]

    def add_to_profile(self, value, answer, profile: RomeProfile):
        held = value.get("relation") == self.HELD
        (profile.jobs_held if held else profile.jobs_considered).extend(self.display_answer(value, answer))

    def export_answer(self, value, data):
        return [
            {"metier": item.label, "code_ogr": item.code, "fiche_rome": item.fiche, "fiche": item.fiche_label}
            | ({"attrait": item.level.shown} if item.level else {})
            | {"note": item.text}
            | ({"remarque": item.notice} if item.notice else {})
            for item in data or []
        ]

    def document_answer(self, value, data):
        items = [
            clean(
                " — ".join(
                    filter(
                        None,
                        [
                            f"{item.label} ({item.fiche})" if item.fiche else item.label,
                            item.level.shown if item.level else "",
                            item.text,
                            item.notice,
                        ],
                    )
                )
            )
            for item in data or []
        ]
        return DocumentAnswer(clean(value["label"]), "bullets" if items else "empty", items=items)


class InterestBar(NamedTuple):
    letter: str
    name: str
    score: int
    in_code: bool


class InterestChart(NamedTuple):
    """What `phases/includes/riasec_profile.html` draws: the code, its words, a bar per dimension."""

    code: str
    label: str
    bars: list


def interest_chart(profile) -> InterestChart | None:
    """The chart of an InterestProfile, its dimensions in the R-I-A-S-E-C order (None without one)."""
    if profile is None:
        return None
    bars = [
        InterestBar(letter, str(NAMES[letter]), profile.score(letter), letter in profile.code) for letter in DIMENSIONS
    ]
    return InterestChart(profile.code, profile.label(), bars)


class InterestItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Activité"), max_length=300)
    dimension = blocks.ChoiceBlock(choices=[(letter, NAMES[letter]) for letter in DIMENSIONS], label=_("Dimension"))


class RiasecBlock(ScaleBlock):
    """A scored inventory of interests: each item, keyed to one of Holland's six dimensions, is rated
    on the scale; the ratings make the six-dimension profile and the Holland code (`skills.riasec`)."""

    items = blocks.ListBlock(
        InterestItemBlock(),
        label=_("Activités à évaluer"),
        min_num=6,
        help_text=_("Chaque activité compte pour une dimension ; au moins une par dimension (six conseillées)."),
    )
    steps = blocks.IntegerBlock(label=_("Nombre de degrés"), min_value=2, max_value=10, default=4)
    answer_template = "phases/answers/riasec.html"
    retired_part_words = _("activité retirée du questionnaire")

    class Meta:
        icon = "pick"
        label = _("Centres d'intérêt (RIASEC)")
        help_text = _(
            "Un inventaire noté : le profil des six types d'intérêts et le code Holland (deux ou trois lettres), "
            "montrés au candidat et au conseiller."
        )
        description = _("Le candidat note des activités ; le portail en tire son profil RIASEC et son code Holland.")
        preview_value = block_previews.RIASEC

    def part_label(self, item):
        return item["text"]

    def rule_errors(self, value):
        """Activities all different, each dimension with one at least; a number of degrees within bounds."""
        items = list(value["items"])
        texts = [item.get("text") for item in items]
        errors = {
            "items": block_rules.list_error(texts, INTEREST_ITEMS, at_least=1, in_item=block_rules.label_error("text")),
            "steps": block_rules.bounds_error(value["steps"], 2, 10, block_rules.STEPS_OUT_OF_BOUNDS),
        }
        missing = [
            str(NAMES[letter]) for letter in DIMENSIONS if letter not in {item.get("dimension") for item in items}
        ]
        if not errors["items"] and missing:
            errors["items"] = ValidationError(MISSING_DIMENSIONS % {"names": ", ".join(missing)})
        return {name: error for name, error in errors.items() if error}

    def profile(self, value, answer):
        """The InterestProfile of the current items' ratings on the scale, or None before any."""
        dimensions = {child.id: child.value["dimension"] for child in value["items"].bound_blocks}
        ratings = [
            (dimensions[item_id], rating)
            for item_id, rating in (answer or {}).items()
            if item_id in dimensions and self.on_scale(value, rating)
        ]
        return profile_from_ratings(ratings, value["steps"])

    def display_answer(self, value, answer, retired=()):
        profile = self.profile(value, answer)
        return {**super().display_answer(value, answer, retired), "profile": profile, "chart": interest_chart(profile)}

    def add_to_profile(self, value, answer, profile: RomeProfile):
        profile.interests = self.profile(value, answer) or profile.interests

    def export_answer(self, value, data):
        interests = data.get("profile")
        exported = super().export_answer(value, data)
        if interests:
            exported["profil"] = {str(NAMES[letter]): interests.scores[letter] for letter in DIMENSIONS}
            exported["code_holland"] = interests.code
        return exported

    def document_answer(self, value, data):
        interests = (data or {}).get("profile")
        if not interests:
            return DocumentAnswer(clean(value["label"]))
        return DocumentAnswer(
            clean(value["label"]),
            "scale",
            caption=str(_("Code Holland : %(code)s ; scores sur 100")) % {"code": interests.code},
            rows=[[str(NAMES[letter]), f"{interests.scores[letter]} / 100"] for letter in interests.ranked()],
        )


class ComputedBlock(blocks.StructBlock):
    """What the portal computes from the candidate's ROME answers, shown in the phase (no answer)."""

    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Texte d'introduction"), required=False, features=["bold", "italic", "link"])

    is_question = False


class SuggestionsBlock(ComputedBlock):
    class Meta:
        icon = "search"
        label = _("Métiers à explorer (ROME)")
        template = "phases/blocks/rome_suggestions.html"
        preview_template = "phases/blocks/preview.html"
        help_text = _(
            "Dix métiers au plus, suggérés d'après les compétences, le profil RIASEC et les métiers du candidat."
        )
        description = _("Les métiers que le portail suggère au candidat, chacun avec sa raison.")
        preview_value = {"title": "Métiers à explorer", "text": ""}


class GapBlock(ComputedBlock):
    class Meta:
        icon = "doc-empty-inverse"
        label = _("L'écart (ROME)")
        template = "phases/blocks/rome_gap.html"
        preview_template = "phases/blocks/preview.html"
        help_text = _(
            "Pour chaque métier envisagé : les compétences acquises, celles du cœur du métier qui manquent, "
            "et « Ajouter au plan d'action »."
        )
        description = _("Ce qui sépare le candidat de chacun des métiers qu'il envisage.")
        preview_value = {"title": "L'écart", "text": ""}
