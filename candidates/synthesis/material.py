"""What the *Synthèse* screen shows beside each section's editor: the material the counsellor composes
it from. For each section, the phases of the modularisation whose questions feed it (the block's
`synthesis_section`), with the candidate's answers to those questions and the counsellor's *notes de
synthèse* of the phase; for *Circonstances du bilan*, the facts of the bilan (dates, modalités, sessions
attested); for *Le ou les projets professionnels*, the gap to each envisaged job (*Mes métiers*). Each
item carries the HTML « Insérer dans la synthèse » puts in the editor, escaped here."""

from dataclasses import dataclass, field

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from phases.document_answers import DocumentAnswer, split_paragraphs
from phases.models import PhasePage, PublishedPart
from phases.rome_profile import rome_profile
from phases.synthesis_sections import SynthesisSection

from ..attestations.durations import hours_minutes
from ..dossiers.models import Dossier, PhaseResponse, SynthesisNote
from ..orientation.selectors import job_gaps


@dataclass
class MaterialItem:
    """One thing the counsellor may insert: what it is (`label`, for the button's accessible name) and
    its HTML (shown as is, and inserted)."""

    label: str  # what is inserted, after « Insérer dans la synthèse » (« la réponse à « … » »)
    html: SafeString
    key: str = ""  # unique on the page: the id of the HTML shown, which the button inserts


@dataclass
class PhaseMaterial:
    phase: PhasePage
    in_progress: bool  # not finished yet: « phase en cours »
    answers: list[MaterialItem] = field(default_factory=list)
    notes: MaterialItem | None = None


@dataclass
class Material:
    sections: list  # SectionMaterial, in the document's order
    completed: list  # the finished phases of the modularisation, in the bilan's order (the annex)


@dataclass
class SectionMaterial:
    section: SynthesisSection
    facts: MaterialItem | None = None  # what the portal knows itself: the bilan's facts, the gaps to jobs
    phases: list[PhaseMaterial] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.facts is None and not self.phases


# The HTML of an answer ------------------------------------------------------------------------------


def _paragraphs(parts) -> SafeString:
    """Paragraphs, their line breaks kept, every character escaped."""
    return format_html_join("", "<p>{}</p>", ((linebreaksbr(part),) for part in parts))


def _list(items, numbered=False) -> SafeString:
    inner = format_html_join("", "<li>{}</li>", ((item,) for item in items))
    return format_html("<ol>{}</ol>" if numbered else "<ul>{}</ul>", inner)


def _pairs(pairs) -> str:
    """« colonne : valeur ; colonne : valeur »"""
    return " ; ".join(f"{label} : {text}" for label, text in pairs if text)


def answer_body(document: DocumentAnswer) -> SafeString:
    """The answer itself (without its question) in the synthèse's HTML: paragraphs, or a list."""
    if document.kind == "text":
        return _paragraphs(document.paragraphs)
    if document.kind in ("bullets", "numbered"):
        return _list(document.items, numbered=document.kind == "numbered")
    if document.kind == "scale":
        rows = [f"{item} : {rating}" for item, rating in document.rows]
        return format_html("{}{}", _paragraphs([document.caption]), _list(rows))
    if document.kind == "table":
        return _list(_pairs(zip(document.headers, row, strict=False)) for row in document.rows)
    if document.kind == "entries":
        return _list(_pairs(entry) for entry in document.rows)
    return SafeString("")


def answer_html(document: DocumentAnswer) -> SafeString:
    """The question in bold, then the answer: what « Insérer dans la synthèse » inserts."""
    return format_html("<p><strong>{}</strong></p>{}", document.label, answer_body(document))


def notes_html(phase: PhasePage, text: str) -> SafeString:
    label = _("Notes de synthèse — %(phase)s") % {"phase": phase.title}
    return format_html("<p><strong>{}</strong></p>{}", label, _paragraphs(split_paragraphs(text)))


def notes_words(phase: PhasePage) -> str:
    return _("les notes de synthèse de la phase « %(phase)s »") % {"phase": phase.title}


def facts_item(dossier: Dossier, attestations) -> MaterialItem:
    """The bilan's dates and modalités, its sessions attested (in order) and the hours attested."""
    sessions = [
        _("le %(day)s de %(start)s à %(end)s")
        % {
            "day": f"{timezone.localtime(a.start):%d/%m/%Y}",
            "start": f"{timezone.localtime(a.start):%H:%M}",
            "end": f"{timezone.localtime(a.end):%H:%M}",
        }
        for a in attestations
    ]
    minutes = sum(attestation.duration_minutes for attestation in attestations)
    facts = [
        _("Dates du bilan : du %(start)s au %(end)s")
        % {"start": f"{dossier.start_date:%d/%m/%Y}", "end": f"{dossier.end_date:%d/%m/%Y}"},
        _("Modalités : %(modalites)s") % {"modalites": dossier.modalites_label},
        _("Séances attestées : %(count)s%(dates)s")
        % {"count": len(sessions), "dates": f" ({' ; '.join(sessions)})" if sessions else ""},
        _("Heures attestées : %(hours)s") % {"hours": hours_minutes(minutes)},
    ]
    html = format_html("<p><strong>{}</strong></p>{}", _("Déroulement du bilan"), _list(facts))
    return MaterialItem(_("le déroulement du bilan"), html)


def gaps_item(gaps) -> MaterialItem | None:
    """The gap to each envisaged job (*Mes métiers*): what the candidate has, and what the heart of the
    job needs that they lack; None without an envisaged job."""
    lines = []
    for item in gaps:
        job = f"{item.job.label} ({item.job.fiche})"
        if item.gap is None:
            lines.append(_("%(job)s : ce métier n'est plus dans le ROME chargé") % {"job": job})
            continue
        missing = [competence.label for competence in [*item.gap.missing_core, *item.gap.missing_savoirs]]
        acquired = _("%(job)s : %(count)s compétence(s) du métier déjà acquise(s)") % {
            "job": job,
            "count": len(item.gap.matched),
        }
        lines.append(
            _("%(acquired)s ; au cœur du métier, à acquérir : %(missing)s")
            % {
                "acquired": acquired,
                "missing": " ; ".join(missing) or _("rien"),
            }
        )
    if not lines:
        return None
    html = format_html("<p><strong>{}</strong></p>{}", _("L'écart avec les métiers envisagés"), _list(lines))
    return MaterialItem(_("l'écart avec les métiers envisagés"), html)


# The selector --------------------------------------------------------------------------------------


def _answers_by_section(phase: PhasePage, response: PhaseResponse | None, retirements: dict) -> dict:
    """{section value: [MaterialItem]} of the phase's current questions the candidate answered."""
    found: dict = {}
    if response is None:
        return found
    for shown in response.shown_answers(phase, retirements):
        section = shown.child.value.get("synthesis_section") if not shown.retired else None
        if not section:
            continue
        document = shown.document_answer()
        if document.kind == "empty":
            continue
        words = _("la réponse à « %(question)s »") % {"question": document.label}
        found.setdefault(section, []).append(MaterialItem(words, answer_html(document)))
    return found


def _tagged_sections(phase: PhasePage) -> set:
    return {child.value.get("synthesis_section") for child in phase.question_children} - {None, ""}


def _number(sections) -> None:
    """Give each item its key: « competences-3 »."""
    for found in sections:
        items = [found.facts] if found.facts else []
        for phase in found.phases:
            items += [*phase.answers, *([phase.notes] if phase.notes else [])]
        for number, item in enumerate(items, start=1):
            item.key = f"{found.section.value}-{number}"


def dossier_material(dossier: Dossier) -> Material:
    """The material of each section, and the finished phases, read in five queries whatever the number
    of phases: the phases, the responses, the retired parts, the notes, the attestations (plus the
    référentiel's: one per ROME question answered, three per envisaged job)."""
    phases = list(dossier.phases.order_by("path"))
    responses = {
        response.phase_id: response
        for response in PhaseResponse.objects.filter(candidate_id=dossier.candidate_id, phase__in=phases)
    }
    retirements = PublishedPart.retirements(responses)
    notes = dict(
        SynthesisNote.objects.filter(candidate_id=dossier.candidate_id, phase__in=phases)
        .exclude(text="")
        .values_list("phase_id", "text")
    )
    attestations = list(dossier.attestations.order_by("start"))
    material = {section.value: SectionMaterial(section) for section in SynthesisSection}
    material[SynthesisSection.CIRCUMSTANCES].facts = facts_item(dossier, attestations)
    material[SynthesisSection.PROJECTS].facts = gaps_item(
        job_gaps(rome_profile((phase, getattr(responses.get(phase.pk), "answers", {})) for phase in phases))
    )
    for phase in phases:
        response = responses.get(phase.pk)
        answers = _answers_by_section(phase, response, retirements.get(phase.pk, {}))
        note = notes.get(phase.pk)
        for section in _tagged_sections(phase) & material.keys():
            if not answers.get(section) and not note:
                continue
            material[section].phases.append(
                PhaseMaterial(
                    phase,
                    in_progress=response is None or response.status != PhaseResponse.Status.DONE,
                    answers=answers.get(section, []),
                    notes=MaterialItem(notes_words(phase), notes_html(phase, note)) if note else None,
                )
            )
    _number(material.values())
    done = [phase for phase in phases if getattr(responses.get(phase.pk), "status", "") == PhaseResponse.Status.DONE]
    return Material(list(material.values()), done)
