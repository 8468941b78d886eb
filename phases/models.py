import datetime
import hashlib
import json
import threading
from collections import OrderedDict

from csp.constants import SELF
from csp.decorators import csp_replace
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Value, When
from django.db.models.functions import MD5, Cast
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.compiled_queries import CompiledOnce

from . import history
from .forms import AnswerForm
from .revisions import SkipUnchangedRevisionMixin
from .stream import QuestionStreamBlock


def stream_digest(stream) -> str:
    """A short digest of a phase's stored questions: it changes with any edit of them."""
    raw = json.dumps(list(stream.raw_data), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


class PhaseStructure:
    """A phase's questions parsed once: the stream children in page order and those that expect an answer.

    Building the blocks from the stored JSON is the costly part of reading a phase (every dashboard row,
    every phase page needs it); structures are shared by every request of the process, keyed by a
    digest of the stream, so an edited phase gets a new structure and nothing goes stale."""

    CACHE_SIZE = 128
    _cache: "OrderedDict[tuple, PhaseStructure]" = OrderedDict()
    _lock = threading.Lock()

    def __init__(self, stream):
        self.stream = list(stream)
        self.questions = [child for child in self.stream if child.block.is_question]
        self.digest = stream_digest(stream)  # what a stored progress count was counted for

    def answered(self, answers: dict) -> int:
        """How many of the questions these answers answer."""
        return sum(1 for child in self.questions if child.block.is_answered(child.value, answers.get(child.id)))

    @classmethod
    def of(cls, questions) -> "PhaseStructure":
        """The structure of these questions (a phase's StreamValue)."""
        return cls._cached(("stream", stream_digest(questions)), questions)

    @classmethod
    def cached(cls, database_digest: str):
        """The structure of the questions that have this MD5 in the database, if known."""
        with cls._lock:
            return cls._cache.get(("database", database_digest))

    @classmethod
    def database_digests(cls) -> tuple[str, ...]:
        """The MD5s, as the database computes them, of the stored questions this process has structures for."""
        with cls._lock:
            return tuple(sorted(key[1] for key in cls._cache if key[0] == "database"))

    @classmethod
    def _cached(cls, key, questions) -> "PhaseStructure":
        with cls._lock:
            structure = cls._cache.get(key)
            if structure is not None:
                cls._cache.move_to_end(key)
                return structure
        structure = cls(questions)
        with cls._lock:
            cls._cache[key] = structure
            while len(cls._cache) > cls.CACHE_SIZE:
                cls._cache.popitem(last=False)
        return structure


class QuestionsMixin:
    """What a page of question blocks (`questions`, a QuestionStreamBlock StreamField) knows of them: a
    phase, and the questionnaires after the bilan (`questionnaires.py`). `AnswerForm` reads these."""

    @cached_property
    def structure(self) -> PhaseStructure:
        return PhaseStructure.of(self.questions)

    @property
    def stream_children(self):
        """Every stream child (instructions and questions), in page order; parsed once per process."""
        return self.structure.stream

    @property
    def question_children(self):
        """The stream children that expect an answer (instructions excluded), in page order."""
        return self.structure.questions

    def progress(self, answers: dict) -> tuple[int, int]:
        """(answered, total) questions for these answers."""
        return self.structure.answered(answers), len(self.question_children)

    def missing_required(self, answers: dict) -> list:
        """The required questions these answers leave unanswered, in page order."""
        return [
            child
            for child in self.question_children
            if child.value["required"] and not child.block.is_answered(child.value, answers.get(child.id))
        ]

    def sample_answers(self) -> dict:
        """A short, typical answer to every question, keyed by block id (what the preview shows)."""
        return {child.id: child.block.sample_answer(child.value) for child in self.question_children}


class BilanPage(SkipUnchangedRevisionMixin, Page):
    """« Les phases du bilan »: the parent of the phases, in the order candidates work through them."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "ul", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["phases.PhasePage"]
    max_count = 1
    # The explorer lists the phases in the bilan's order (the tree's), not by « Mis à jour ».
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = _("ensemble des phases du bilan")

    def serve(self, request, *args, **kwargs):
        # Candidates reach their phases from their dashboard.
        return redirect("dashboard")


class PhasePage(QuestionsMixin, SkipUnchangedRevisionMixin, Page):
    """One phase of the bilan: an introduction and the questions the candidate answers."""

    class LegalPhase(models.TextChoices):
        PRELIMINAIRE = "preliminaire", _("Phase préliminaire")
        INVESTIGATION = "investigation", _("Phase d'investigation")
        CONCLUSION = "conclusion", _("Phase de conclusion")

    introduction = RichTextField(_("introduction"), features=["bold", "italic", "ul", "ol", "link"])
    legal_phase = models.CharField(
        _("phase légale"),
        max_length=20,
        choices=LegalPhase.choices,
        default=LegalPhase.INVESTIGATION,
        help_text=_("Article R6313-4 du Code du travail."),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("durée estimée (minutes)"), default=60, help_text=_("Temps indicatif pour le candidat.")
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("legal_phase"),
        FieldPanel("estimated_minutes"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["phases.BilanPage"]
    subpage_types = []
    # The admin's search finds a phase by a word of its introduction or of its questions (labels,
    # help texts, propositions, instructions); it searches the autocomplete fields, as you type.
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.AutocompleteField("introduction"),
        index.SearchField("questions"),
        index.AutocompleteField("questions"),
    ]

    class Meta:
        verbose_name = _("phase du bilan")
        verbose_name_plural = _("phases du bilan")

    def serve(self, request, *args, **kwargs):
        # The live phase is answered in the candidate's space; the admin previews it (serve_preview).
        return redirect("dossiers:phase_answer", slug=self.slug)

    # The admin's « Aperçu »: the candidate's form filled with sample answers, or those answers
    # read-only as the counsellor's *Voir* tab shows them; each mode its template.
    preview_modes = [("candidat", _("Vue du candidat")), ("conseiller", _("Vue du conseiller"))]
    PREVIEWS = {  # mode: (template, the banner's title)
        "candidat": ("phases/preview/candidate.html", _("Aperçu — vue du candidat")),
        "conseiller": ("phases/preview/counsellor.html", _("Aperçu — vue du conseiller")),
    }

    # The admin shows the preview in a frame: these responses alone may be framed, by the portal itself.
    @csp_replace({"frame-ancestors": [SELF]})
    @xframe_options_sameorigin
    def serve_preview(self, request, mode_name):
        mode_name = mode_name or self.default_preview_mode  # make_preview_request() without a mode
        if mode_name not in self.PREVIEWS:
            raise Http404
        template, _title = self.PREVIEWS[mode_name]
        return TemplateResponse(request, template, self.preview_context(mode_name))

    def preview_context(self, mode_name) -> dict:
        answers = self.sample_answers()
        context = {"phase": self, "preview_title": self.PREVIEWS[mode_name][1]}
        if mode_name == "candidat":
            context["form"] = AnswerForm(phase=self, answers=answers)
        else:
            context["answered_questions"] = self.answered_questions(answers)
        return context

    @classmethod
    def live_structures(cls) -> dict[int, PhaseStructure]:
        """{pk: structure} of the live phases, in one query compiled once per process (see `StructuredPhases`)."""
        known = PhaseStructure.database_digests()
        rows = _LIVE_DIGESTS.fetch(known, probe=known, shape=known)
        return {pk: cls._structure(pk, md5, raw) for pk, md5, raw in rows}

    @classmethod
    def digested(cls, phases, known: tuple[str, ...]):
        """These phases without their questions, with `questions_md5`, computed by the database, and
        `questions_raw`: the questions, or None when their MD5 is one of `known` (this process has their
        structure). Decoding the JSON of ten phases and digesting it again is most of what reading them costs."""
        digest = MD5(Cast("questions", output_field=models.TextField()))
        stream = Case(When(questions_md5__in=known, then=Value(None)), default=F("questions"))
        return (
            phases.defer("questions")
            .annotate(questions_md5=digest)
            .annotate(questions_raw=ExpressionWrapper(stream, output_field=models.JSONField()))
        )

    @classmethod
    def _structure(cls, pk: int, md5: str, raw) -> PhaseStructure:
        structure = PhaseStructure.cached(md5)
        if structure is None:
            if raw is None:  # forgotten meanwhile by another thread: read the phase again
                raw = list(cls.objects.get(pk=pk).questions.raw_data)
            structure = PhaseStructure._cached(("database", md5), cls._meta.get_field("questions").to_python(raw))
        return structure

    def answered_questions(self, answers: dict, seen: dict | None = None, retirements: dict | None = None):
        """ShownAnswers (`history.py`) for read-only screens: every current question, then the retired
        questions that `answers` answered, labelled as the candidate saw them (`seen`). `retirements`
        (from `PublishedPart.retirements`) saves a query when the caller has read it already."""
        return history.shown_answers(
            self._meta.get_field("questions").stream_block,
            self.question_children,
            answers,
            seen,
            lambda: PublishedPart.retirements([self.pk]).get(self.pk, {}) if retirements is None else retirements,
        )

    def seen_after(self, seen: dict, answers: dict) -> dict:
        """What the candidate has seen of this phase once they save `answers` (`history.seen_after`)."""
        return history.seen_after(self.question_children, seen, answers)


_LIVE_DIGESTS = CompiledOnce(
    lambda known: PhasePage.digested(PhasePage.objects.live(), known).values_list(
        "pk", "questions_md5", "questions_raw"
    )
)


class StructuredPhases:
    """Phases read with their `structure` (`PhasePage.digested`), in one query built and compiled once per process
    (`portal.compiled_queries`): `select(context)` → the phases, a queryset; `parameters(context)` → the values of
    `context` its SQL carries."""

    def __init__(self, select, parameters):
        self._query = CompiledOnce(
            lambda job: PhasePage.digested(select(job[0]), job[1]), lambda job: parameters(job[0])
        )

    def fetch(self, context, *, probe) -> list[PhasePage]:
        """The phases of `context`; `probe`: a context with every parameter changed to one no data holds."""
        known = PhaseStructure.database_digests()
        phases = self._query.fetch((context, known), probe=(probe, known), shape=known)
        for phase in phases:
            # `structure` is a cached_property: set, it is not computed again.
            phase.structure = PhasePage._structure(phase.pk, phase.questions_md5, phase.questions_raw)
        return phases


class PublishedPart(models.Model):
    """A question of a published phase (`part_id` blank), or a proposition, an item, a column or a field
    of one, and when the publication that no longer had it went live (`retired_at`; blank while it is
    published). Written at every publication (`record`); read to date what is retired."""

    phase = models.ForeignKey(PhasePage, on_delete=models.CASCADE, related_name="published_parts")
    block_id = models.CharField(max_length=64)
    part_id = models.CharField(max_length=64, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("élément publié d'une phase")
        constraints = [
            models.UniqueConstraint(fields=["phase", "block_id", "part_id"], name="phases_one_published_part")
        ]

    def __str__(self):
        return f"{self.phase_id} — {self.block_id} {self.part_id}".strip()

    @staticmethod
    def keys_of(phase: PhasePage) -> set[tuple[str, str]]:
        """(block id, part id or "") of every question and part the phase has now."""
        keys = set()
        for child in phase.question_children:
            keys.add((child.id, ""))
            keys.update((child.id, part_id) for part_id, _label in child.block.part_labels(child.value) if part_id)
        return keys

    @classmethod
    def record(cls, phase: PhasePage, when=None) -> None:
        """After `phase` is published: what it has is published, what it had and no longer has retires now."""
        when = when or timezone.now()
        keys, known = cls.keys_of(phase), {}
        for pk, block_id, part_id, retired_at in cls.objects.filter(phase=phase).values_list(
            "pk", "block_id", "part_id", "retired_at"
        ):
            known[(block_id, part_id)] = (pk, retired_at)
        back = [pk for key, (pk, retired_at) in known.items() if key in keys and retired_at is not None]
        gone = [pk for key, (pk, retired_at) in known.items() if key not in keys and retired_at is None]
        cls.objects.filter(pk__in=back).update(retired_at=None)
        cls.objects.filter(pk__in=gone).update(retired_at=when)
        new = [cls(phase=phase, block_id=block_id, part_id=part_id) for block_id, part_id in keys - known.keys()]
        cls.objects.bulk_create(new)

    @classmethod
    def retirements(cls, phase_ids) -> dict[int, dict[tuple[str, str], "datetime.datetime"]]:
        """{phase pk: {(block id, part id or ""): retired at}} of what these phases no longer have."""
        dates: dict = {}
        retired = cls.objects.filter(phase_id__in=list(phase_ids), retired_at__isnull=False)
        for phase_id, block_id, part_id, retired_at in retired.values_list(
            "phase_id", "block_id", "part_id", "retired_at"
        ):
            dates.setdefault(phase_id, {})[(block_id, part_id)] = retired_at
        return dates


# The questionnaires after the bilan are pages of question blocks too: Django finds their models here.
from .questionnaires import FollowUpPage, SatisfactionPage  # noqa: E402, F401
