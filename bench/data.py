"""Generated data at académie (10 000 candidates) or national (100 000) scale, for benchmarks and load tests.

`generate(n)` creates candidates 1 … n (usernames `candidate_username(i)`), spread over 30 DABM and
n / 40 counsellors (`counsellor_username(j)`; candidate i is followed by counsellor
`counsellor_of(i)`). Every user's password is `PASSWORD`. Each candidate has a dossier over the ten
phases (`manage.py load_phases`), an answer to every phase (finished or in progress, with realistic
text lengths), attestations de présence, rendez-vous, comments and synthesis notes.

Two candidates of each counsellor have a known shape, for benchmarks:
- the first (`i % 40 == 1`) has finished all ten phases: the heaviest synthèse;
- the second (`i % 40 == 2`) has finished three phases and is working on the others.

Rows are written with `bulk_create`, by chunks of candidates (one transaction each), so 100 000
candidates (a million answers) take minutes, not hours. The same `n` and `seed` give the same data.
"""

import datetime
import math
import random
import time
import uuid
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import reset_queries, transaction
from django.utils import timezone

from candidates import access, portal_settings
from candidates.followup.services import followup_due_on
from candidates.models import (
    DABM,
    Appointment,
    Attestation,
    Comment,
    Dossier,
    FollowUp,
    PhaseResponse,
    SatisfactionResponse,
    SynthesisNote,
    User,
)
from phases.models import PhasePage, SatisfactionPage

PASSWORD = "bench-bilan-2026"  # noqa: S105 - generated accounts only
EMAIL_DOMAIN = "bench.monbilanenligne.fr"
CANDIDATES_PER_COUNSELLOR = 40
DABM_COUNT = 30
FINISHED_ALL, FINISHED_THREE = 1, 2  # positions (i % 40) of the two known candidates of each counsellor
DEFAULT_SEED = 2026


def candidate_username(i: int) -> str:
    return f"cand{i:06d}"


def counsellor_username(j: int) -> str:
    return f"cons{j:04d}"


def counsellor_of(i: int) -> int:
    """The number j of the counsellor (`counsellor_username(j)`) who follows candidate i."""
    return (i - 1) // CANDIDATES_PER_COUNSELLOR + 1


def closing_of(i: int) -> str:
    """How candidate i's bilan ended, once its end date has passed: one in ten abandoned, six in ten closed as
    *mené à son terme*, the others left unclosed (the end date passed). Not drawn from the candidate's random
    stream, which the rest of the data keeps."""
    position = i % 10
    if position == 3:
        return Dossier.Outcome.ABANDONED
    return Dossier.Outcome.COMPLETED if position < 7 else Dossier.Outcome.NONE


def counsellor_count(n: int) -> int:
    return math.ceil(n / CANDIDATES_PER_COUNSELLOR)


def dabm_of_counsellor(j: int) -> int:
    return (j - 1) % DABM_COUNT


# Words -------------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Camille Lucas Emma Hugo Léa Louis Chloé Nathan Manon Jules Inès Gabriel Sarah Arthur Jade Raphaël Zoé "
    "Théo Anaïs Noah Louise Paul Alice Adam Lina Tom Julie Maël Clara Ethan Lou Sacha Rose Nolan Eva Enzo "
    "Juliette Victor Margaux Martin Océane Baptiste Mathilde Antoine Élise Maxime Pauline Nicolas Laura "
    "Thomas Céline Julien Sophie Karim Nadia Mehdi Fatima Yanis Amina Éric Sylvie Pascal Nathalie"
).split()
LAST_NAMES = (
    "MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL LEFÈVRE LEROY ROUX "
    "DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE ROUSSEAU VINCENT MULLER LEFEBVRE "
    "FAURE ANDRÉ MERCIER BLANC GUÉRIN BOYER GARNIER CHEVALIER FRANÇOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN "
    "CLÉMENT MORIN NICOLAS HENRY ROUSSEL MATHIEU GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT MARIE LEMAIRE "
    "NOËL MEYER DUFOUR MEUNIER BRUN BLANCHARD GIRAUD JOLY RIVIÈRE LUCAS BRUNET GAILLARD BARBIER ARNAUD "
    "MARTINEZ GÉRARD ROCHE RENARD SCHMITT ROY LEROUX COLIN VIDAL CARON PICARD ROGER FABRE AUBERT LEMOINE "
    "RENAUD DUMAS LACROIX OLIVIER PHILIPPE BOURGEOIS PIERRE BENOÎT REY LECLERC PAYET ROLLAND LECLERCQ "
    "GUILLAUME LECOMTE LOPEZ JEAN DUPUY BENALI HADDAD NGUYEN DIALLO TRAORÉ"
).split()
CITIES = (
    "Nîmes",
    "Montpellier",
    "Perpignan",
    "Béziers",
    "Alès",
    "Carcassonne",
    "Mende",
    "Narbonne",
    "Sète",
    "Lunel",
    "Agde",
    "Bagnols-sur-Cèze",
    "Uzès",
    "Le Vigan",
    "Castelnaudary",
    "Limoux",
    "Lodève",
    "Millau",
    "Prades",
    "Céret",
    "Florac",
    "Marvejols",
    "Ganges",
    "Beaucaire",
    "Pézenas",
    "Lézignan-Corbières",
    "Quillan",
    "Saint-Gilles",
    "Frontignan",
    "Lattes",
)
SENTENCES = (
    "J'ai travaillé pendant plusieurs années au contact du public, en organisant l'accueil et le suivi des dossiers.",
    "Ce poste m'a appris la rigueur, le sens du service et la gestion des priorités au quotidien.",
    "Je souhaite aujourd'hui donner un nouveau sens à mon parcours professionnel.",
    "Mon entourage me décrit comme une personne fiable, curieuse et attentive aux autres.",
    "J'ai encadré une petite équipe de quatre personnes pendant deux ans, ce qui m'a beaucoup plu.",
    "Les horaires décalés deviennent difficiles à concilier avec ma vie de famille.",
    "Je me suis formée seule aux outils numériques et j'aide souvent mes collègues à les utiliser.",
    "La relation avec les usagers est ce que je préfère dans mon métier actuel.",
    "Je ne souhaite plus porter de charges lourdes à cause de problèmes de dos.",
    "Une reconversion dans le secteur médico-social m'intéresse, à condition de pouvoir me former à distance.",
    "J'ai découvert ce métier lors d'une immersion de trois jours dans un centre de formation.",
    "Le salaire n'est pas ma première motivation, mais je ne peux pas descendre en dessous de mon revenu actuel.",
    "Je suis prête à faire jusqu'à quarante minutes de route chaque jour.",
    "Mon projet est de préparer un titre professionnel de niveau bac en alternance.",
    "J'ai pris contact avec deux professionnels qui exercent ce métier depuis plus de dix ans.",
    "Leur témoignage a confirmé mon intérêt, mais m'a aussi montré les contraintes du poste.",
    "Je dois encore vérifier les possibilités de financement avec mon compte personnel de formation.",
    "L'enquête métier m'a permis de mieux comprendre les débouchés dans le département.",
    "J'aime apprendre, résoudre des problèmes concrets et voir le résultat de mon travail.",
    "Je me sens moins à l'aise quand je dois prendre la parole devant un grand groupe.",
    "Mes expériences bénévoles dans une association sportive ont développé mon sens de l'organisation.",
    "Je souhaite rester dans la région, où vit toute ma famille.",
    "Le télétravail partiel serait un vrai plus, mais ce n'est pas une condition indispensable.",
    "J'ai obtenu mon diplôme en 2008 et je n'ai pas repris de formation depuis.",
    "Ce bilan m'aide à mettre des mots sur ce que je sais faire et sur ce que je veux éviter.",
    "Je garde un très bon souvenir de mon premier emploi, dans une petite entreprise familiale.",
    "Mon objectif à un an est d'avoir validé mon projet et commencé la formation.",
    "En cas d'échec de ce projet, je pourrais envisager une évolution interne vers un poste administratif.",
)
SHORT_TEXTS = (
    "Aide-soignante en EHPAD",
    "Secrétaire médicale",
    "Agent d'accueil",
    "Conducteur de bus",
    "Assistante de gestion",
    "Vendeuse en magasin",
    "Technicien de maintenance",
    "Préparateur de commandes",
    "Depuis 2015",
    "Environ 8 ans",
    "Bac professionnel commerce",
    "CAP petite enfance",
    "BTS assistant manager",
    "Formatrice pour adultes",
    "Conseillère en insertion",
    "Gestionnaire de paie",
    "Développeur web",
    "Chef d'équipe en logistique",
    "Montpellier et alentours",
    "Septembre prochain",
    "Temps plein",
    "Mi-temps thérapeutique",
    "Auxiliaire de vie",
    "Comptable",
    "Infirmière",
    "Électricien",
)
SUBJECTS = (
    "Entretien préliminaire",
    "Restitution des tests",
    "Point d'étape",
    "Enquête métier : retour",
    "Préparation du plan d'action",
    "Entretien de synthèse",
    "Suivi à six mois",
)


def sentences(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(count))


def long_text(rng: random.Random) -> str:
    """A written answer: one to three paragraphs, about 300 to 2 000 characters."""
    return "\n\n".join(sentences(rng, rng.randint(2, 6)) for _ in range(rng.randint(1, 3)))


def short_text(rng: random.Random) -> str:
    return rng.choice(SHORT_TEXTS)


# Answers -------------------------------------------------------------------------------------------


def _choices(value) -> list:
    """The propositions' ids: what a choice or a ranking answer stores."""
    return [choice.id for choice in value["choices"].bound_blocks]


def answer(child, rng: random.Random):
    """A well-formed answer to one question, as the candidate's form stores it."""
    value, kind = child.value, child.block_type
    if kind == "short_text":
        return short_text(rng)
    if kind == "long_text":
        return long_text(rng)
    if kind == "single_choice":
        return rng.choice(_choices(value))
    if kind == "multiple_choice":
        choices = _choices(value)
        limit = value.get("max_choices") or len(choices)
        return rng.sample(choices, rng.randint(1, min(limit, len(choices))))
    if kind == "ranking":
        choices = _choices(value)
        return rng.sample(choices, len(choices))
    if kind in ("scale", "riasec"):
        return {item.id: rng.randint(1, value["steps"]) for item in value["items"].bound_blocks}
    if kind in ("rome_competences", "rome_jobs"):
        # In the candidate's own words: the generated data does not need the référentiel loaded.
        levels = [level.id for level in value["levels"].bound_blocks]
        return [
            {"code": "", "label": short_text(rng), "kind": "libre", "level": rng.choice(levels)}
            for _ in range(rng.randint(1, 5))
        ]
    if kind in ("table", "action_plan"):
        columns = value["columns"].bound_blocks
        return [
            {column.id: (sentences(rng, 1) if position else short_text(rng)) for position, column in enumerate(columns)}
            for _ in range(rng.randint(1, 4))
        ]
    if kind == "repeatable":
        fields = value["fields"].bound_blocks
        return [
            {
                field.id: (sentences(rng, rng.randint(1, 3)) if field.value["multiline"] else short_text(rng))
                for field in fields
            }
            for _ in range(rng.randint(1, 3))
        ]
    raise ValueError(kind)


class PhaseAnswers:
    """Pre-drawn answers to one phase (drawing them per candidate would dominate the generation)."""

    VARIANTS = 24

    def __init__(self, phase: PhasePage, seed: int):
        rng = random.Random(f"{seed}-{phase.slug}")  # noqa: S311 - reproducible data, no secret
        self.phase = phase
        self.question_ids = [child.id for child in phase.question_children]
        self.full = [{child.id: answer(child, rng) for child in phase.question_children} for _ in range(self.VARIANTS)]
        self.digest = phase.structure.digest
        assert all(phase.progress(answers)[0] == len(self.question_ids) for answers in self.full)

    def complete(self, rng: random.Random) -> tuple[dict, int]:
        """Every question answered: (answers, how many questions they answer)."""
        return rng.choice(self.full), len(self.question_ids)

    def partial(self, rng: random.Random) -> tuple[dict, int]:
        """Work in progress: a random part of the questions answered (at least one)."""
        full = rng.choice(self.full)
        kept = rng.sample(self.question_ids, rng.randint(1, len(self.question_ids)))
        return {question_id: full[question_id] for question_id in kept}, len(kept)


# Writing ---------------------------------------------------------------------------------------------


@contextmanager
def explicit_timestamps(*models):
    """Let `bulk_create` write the given created/updated dates (auto_now would replace them with now)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def existing_candidates() -> int:
    """How many generated candidates the database holds."""
    return User.objects.filter(username__startswith="cand", email__endswith=f"@{EMAIL_DOMAIN}").count()


def ensure_dabms() -> list[DABM]:
    dabms = []
    for index, city in enumerate(CITIES[:DABM_COUNT]):
        dabm, _created = DABM.objects.get_or_create(
            name=f"{city.upper()} (DABM {index + 1:02d})",
            defaults={"city": city, "address": f"{10 + index} avenue de la République\n{30000 + index * 10} {city}"},
        )
        dabms.append(dabm)
    return dabms


def ensure_counsellors(count: int, dabms: list[DABM], password_hash: str) -> dict[int, User]:
    """Counsellors 1 … count, created when missing; {j: user}."""
    wanted = {counsellor_username(j): j for j in range(1, count + 1)}
    existing = {user.username: user for user in User.objects.filter(username__in=wanted)}
    rng = random.Random(f"counsellors-{count}")  # noqa: S311
    missing = [
        User(
            username=username,
            email=f"{username}@{EMAIL_DOMAIN}",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            password=password_hash,
            dabm=dabms[dabm_of_counsellor(j)],
        )
        for username, j in wanted.items()
        if username not in existing
    ]
    created = User.objects.bulk_create(missing, batch_size=1000)
    group = Group.objects.get(name=access.CONSEILLER)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in created], batch_size=2000
    )
    existing.update({user.username: user for user in created})
    return {j: existing[username] for username, j in wanted.items()}


def generate(n: int, *, first: int = 1, seed: int = DEFAULT_SEED, chunk: int = 1000, log=None) -> dict:
    """Create candidates `first` … `first + n - 1` with everything they hold; returns row counts.

    The phases must exist (`manage.py load_phases`). Candidates must not exist yet (see `reset`)."""
    log = log or (lambda message: None)
    started = time.perf_counter()
    phases = list(PhasePage.objects.live().order_by("path"))
    if not phases:
        raise RuntimeError("Aucune phase : lancez d'abord « manage.py load_phases ».")
    answers = [PhaseAnswers(phase, seed) for phase in phases]
    password_hash = make_password(PASSWORD)  # hashed once: hashing 100 000 times would take hours
    dabms = ensure_dabms()
    last = first + n - 1
    counsellors = ensure_counsellors(counsellor_count(last), dabms, password_hash)
    candidate_group = Group.objects.get(name=access.CANDIDAT)
    totals: dict[str, int] = {}
    for start in range(first, last + 1, chunk):
        stop = min(start + chunk - 1, last)
        with transaction.atomic(), explicit_timestamps(PhaseResponse, Comment, SynthesisNote, Attestation, Appointment):
            counts = _generate_chunk(
                range(start, stop + 1), seed, phases, answers, counsellors, dabms, candidate_group, password_hash
            )
        reset_queries()  # with DEBUG on, Django keeps every query: megabytes of INSERT per chunk
        for name, count in counts.items():
            totals[name] = totals.get(name, 0) + count
        elapsed = time.perf_counter() - started
        done = stop - first + 1
        log(f"{done:>7} / {n} candidats ({elapsed:.0f} s, encore ~{elapsed / done * (n - done):.0f} s)")
    totals["counsellors"] = len(counsellors)
    totals["seconds"] = round(time.perf_counter() - started, 1)
    return totals


def _generate_chunk(indexes, seed, phases, answers, counsellors, dabms, candidate_group, password_hash) -> dict:
    today = timezone.localdate()
    now = timezone.now()
    rngs = {i: random.Random(seed * 1_000_003 + i) for i in indexes}  # noqa: S311

    # People and their dossiers.
    starts = {}
    candidates = []
    for i in indexes:
        rng = rngs[i]
        starts[i] = today - datetime.timedelta(days=rng.randint(0, 330))
        candidates.append(
            User(
                username=candidate_username(i),
                email=f"{candidate_username(i)}@{EMAIL_DOMAIN}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=password_hash,
                date_joined=_aware(starts[i], 9),
            )
        )
    User.objects.bulk_create(candidates, batch_size=1000)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=candidate_group.pk) for user in candidates], batch_size=2000
    )
    dossiers = []
    for i, candidate in zip(indexes, candidates, strict=True):
        rng = rngs[i]
        counsellor_number = counsellor_of(i)
        modality = rng.random()
        phone = f"04 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        end = starts[i] + datetime.timedelta(days=rng.randint(60, 180))
        outcome = closing_of(i) if end < today else Dossier.Outcome.NONE
        dossiers.append(
            Dossier(
                candidate_id=candidate.pk,
                counsellor_id=counsellors[counsellor_number].pk,
                dabm_id=dabms[dabm_of_counsellor(counsellor_number)].pk,
                phone=phone,
                remote=modality < 0.7,
                on_site=modality > 0.4,
                start_date=starts[i],
                end_date=end,
                outcome=outcome,
                closed_on=end if outcome else None,
            )
        )
    Dossier.objects.bulk_create(dossiers, batch_size=1000)
    Dossier.phases.through.objects.bulk_create(
        [Dossier.phases.through(dossier_id=d.pk, phasepage_id=p.pk) for d in dossiers for p in phases],
        batch_size=5000,
    )

    # Answers, comments and notes.
    responses, comments, notes = [], [], []
    for i, candidate, dossier in zip(indexes, candidates, dossiers, strict=True):
        rng = rngs[i]
        position = i % CANDIDATES_PER_COUNSELLOR
        if position == FINISHED_ALL:
            finished = len(phases)
        elif position == FINISHED_THREE:
            finished = 3
        else:
            finished = rng.randint(0, len(phases))
        began = _aware(dossier.start_date, 10)
        span = max((now - began).total_seconds(), 3600)
        for number, (phase, drawn) in enumerate(zip(phases, answers, strict=True)):
            done = number < finished
            updated = began + datetime.timedelta(seconds=span * (number + rng.random()) / len(phases))
            given, answered = drawn.complete(rng) if done else drawn.partial(rng)
            responses.append(
                PhaseResponse(
                    candidate_id=candidate.pk,
                    phase_id=phase.pk,
                    answers=given,
                    answered=answered,
                    answered_for=drawn.digest,
                    status=PhaseResponse.Status.DONE if done else PhaseResponse.Status.IN_PROGRESS,
                    version=rng.randint(1, 40),
                    created_at=began,
                    updated_at=updated,
                    completed_at=updated if done else None,
                )
            )
            if done and i % 2 == 0:
                notes.append(
                    SynthesisNote(candidate_id=candidate.pk, phase_id=phase.pk, text=long_text(rng), updated_at=updated)
                )
        for _ in range(rng.randint(0, 3)):
            phase = rng.choice(phases)
            comments.append(
                Comment(
                    candidate_id=candidate.pk,
                    phase_id=phase.pk,
                    author_id=dossier.counsellor_id,
                    text=sentences(rng, rng.randint(1, 4)),
                    created_at=began + datetime.timedelta(seconds=span * rng.random()),
                )
            )
    PhaseResponse.objects.bulk_create(responses, batch_size=1000)
    SynthesisNote.objects.bulk_create(notes, batch_size=1000)
    Comment.objects.bulk_create(comments, batch_size=1000)

    # Attestations (past sessions, under the 24-hour cap) and rendez-vous.
    attestations, appointments = [], []
    issued_with = portal_settings.document_identity()  # as Attestation.save() does (bulk_create does not call it)
    for i, dossier in zip(indexes, dossiers, strict=True):
        rng = rngs[i]
        dabm = dabms[dabm_of_counsellor(counsellor_of(i))]
        past_days = (min(today, dossier.end_date) - dossier.start_date).days
        sessions = min(rng.randint(1, 5), past_days + 1)
        for number, offset in enumerate(sorted(rng.sample(range(past_days + 1), sessions))):
            day = dossier.start_date + datetime.timedelta(days=offset)
            start = _aware(day, rng.choice((9, 14)))
            end = start + datetime.timedelta(minutes=rng.choice((60, 90, 120, 150, 180, 210)))
            attestations.append(
                Attestation(
                    dossier_id=dossier.pk,
                    counsellor_id=dossier.counsellor_id,
                    start=start,
                    end=end,
                    duration_minutes=int((end - start).total_seconds() // 60),
                    reference=f"ATT-{day:%Y}-B{i:07d}{number}",
                    issued_with=issued_with,
                    created_at=end,
                    updated_at=end,
                )
            )
        span_days = (dossier.end_date - dossier.start_date).days
        for _ in range(rng.randint(2, 4)):
            day = dossier.start_date + datetime.timedelta(days=rng.randint(0, span_days))
            start = _aware(day, rng.choice((9, 10, 11, 14, 15, 16)))
            remote = dossier.remote and (not dossier.on_site or rng.random() < 0.5)
            appointments.append(
                Appointment(
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    dossier_id=dossier.pk,
                    counsellor_id=dossier.counsellor_id,
                    start=start,
                    end=start + datetime.timedelta(hours=1),
                    modality=Appointment.Modality.REMOTE if remote else Appointment.Modality.ON_SITE,
                    meeting_link=f"https://visio.exemple.fr/{rng.getrandbits(48):012x}" if remote else "",
                    place="" if remote else f"{dabm.name}, {dabm.address.replace(chr(10), ', ')}",
                    subject=rng.choice(SUBJECTS),
                    cancelled_at=start - datetime.timedelta(days=1) if rng.random() < 0.1 else None,
                    created_at=_aware(dossier.start_date, 9),
                    updated_at=_aware(dossier.start_date, 9),
                )
            )
    Attestation.objects.bulk_create(attestations, batch_size=1000)
    Appointment.objects.bulk_create(appointments, batch_size=1000)
    appreciations, followups = aftercare(dossiers, rngs, indexes, today)
    return {
        "appreciations": appreciations,
        "followups": followups,
        "candidates": len(candidates),
        "phase_responses": len(responses),
        "synthesis_notes": len(notes),
        "comments": len(comments),
        "attestations": len(attestations),
        "appointments": len(appointments),
    }


FOLLOWUP_MONTHS = 6
SITUATIONS = [choice for choice, _label in FollowUp.Situation.choices]


def aftercare(dossiers, rngs: dict, indexes, today: datetime.date) -> tuple[int, int]:
    """The ended bilans' appreciation (invited the evening of the end; 7 in 10 answered, every rated question
    from 2 to 5) and follow-up (due six months later; once due, invited, 6 in 10 answered); the counts."""
    page = SatisfactionPage.objects.live().first()
    scales = [
        (child.id, [item for item, _label in child.block.part_labels(child.value)])
        for child in (page.question_children if page else [])
        if child.block.name == "scale"
    ]
    appreciations, followups = [], []
    for i, dossier in zip(indexes, dossiers, strict=True):
        if dossier.end_date >= today:
            continue
        rng = rngs[i]
        invited = _aware(dossier.end_date, 18)
        answered = rng.random() < 0.7
        answers = {qid: {item: rng.randint(2, 5) for item in items} for qid, items in scales} if answered else {}
        common = {"dossier_id": dossier.pk, "dabm_id": dossier.dabm_id, "counsellor_id": dossier.counsellor_id}
        appreciations.append(
            SatisfactionResponse(
                **common,
                invited_at=invited,
                answered_at=invited + datetime.timedelta(days=rng.randint(0, 10)) if answered else None,
                answers=answers,
            )
        )
        due = followup_due_on(dossier.end_date, FOLLOWUP_MONTHS)
        replied = due <= today and rng.random() < 0.6
        followups.append(
            FollowUp(
                **common,
                due_on=due,
                invited_at=_aware(due, 6) if due <= today else None,
                answered_at=_aware(due, 20) if replied else None,
                situation=rng.choice(SITUATIONS) if replied else "",
            )
        )
    SatisfactionResponse.objects.bulk_create(appreciations, batch_size=1000)
    FollowUp.objects.bulk_create(followups, batch_size=1000)
    return len(appreciations), len(followups)


def reset(log=None) -> None:
    """Delete every generated candidate and counsellor and all they hold. The big tables go first
    with plain DELETEs (walking a million rows through Django's cascade would take long)."""
    log = log or (lambda message: None)
    generated = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    candidates = generated.filter(username__startswith="cand")
    dossiers = Dossier.objects.filter(candidate__in=candidates)
    bulk = [
        ("attestations", Attestation.objects.filter(dossier__in=dossiers)),
        ("rendez-vous", Appointment.objects.filter(dossier__in=dossiers)),
        ("réponses", PhaseResponse.objects.filter(candidate__in=candidates)),
        ("notes", SynthesisNote.objects.filter(candidate__in=candidates)),
        ("commentaires", Comment.objects.filter(candidate__in=candidates)),
        ("modularisations", Dossier.phases.through.objects.filter(dossier__in=dossiers)),
        ("appréciations", SatisfactionResponse.objects.filter(counsellor__in=generated)),
        ("suivis", FollowUp.objects.filter(counsellor__in=generated)),
    ]
    with transaction.atomic():
        for label, queryset in bulk:
            log(f"suppression : {label}")
            queryset._raw_delete(queryset.db)
        log("suppression : dossiers et comptes")
        dossiers.delete()
        generated.delete()
