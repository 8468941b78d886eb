"""*Mes données*: everything the portal holds about a candidate, as one zip archive (RGPD, right of
access and right to portability, articles 15 and 20).

    donnees.json                      the data, in plain JSON (UTF-8, ISO dates, French keys)
    fichiers/<nom d'origine>          the files of *Mes fichiers*
    documents/attestations/<réf>.pdf  each *Attestation de présence*, rendered now
    documents/synthese.docx           the published *document de synthèse* (its frozen file)
    compte/photo.<ext>                the account's picture
    LISEZMOI.txt                      what all this is, in French

Never in it: the password hash, the calendar-subscription token, the autosave ids.

Reading only: the caller has already checked who may export whom, and journals the download.
The data is read in a fixed number of queries whatever its volume (`collect`); stored files are
read through their storage, never through a path on disk.
"""

import datetime
import io
import json
import logging
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils import timezone

from candidates.files import uploads
from candidates.models import Attestation, User

from .archive_data import Holdings, collect, export_data
from .pdf import render_attestation_pdf

logger = logging.getLogger(__name__)

DATA_NAME = "donnees.json"
README_NAME = "LISEZMOI.txt"
FILES_FOLDER = "fichiers"
ATTESTATIONS_FOLDER = "documents/attestations"
SYNTHESIS_NAME = "documents/synthese.docx"
PHOTO_STEM = "compte/photo"
CHUNK = 1024 * 1024


# What the portal holds ---------------------------------------------------------------------------


# Names inside the archive ------------------------------------------------------------------------


class Names:
    """Unique names inside the archive, case-insensitively (a zip may be opened on Windows):
    « cv.pdf », then « cv (2).pdf »."""

    def __init__(self):
        self.taken: set[str] = set()

    def add(self, folder: str, name: str) -> str:
        stem, dot, extension = name.rpartition(".")
        if not (dot and stem):
            stem, extension = name, ""
        suffix = f".{extension}" if extension else ""
        path, number = f"{folder}/{name}", 2
        while path.lower() in self.taken:
            path, number = f"{folder}/{stem} ({number}){suffix}", number + 1
        self.taken.add(path.lower())
        return path


def _reference_name(attestation: Attestation) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", attestation.reference) or f"attestation-{attestation.pk}"


def _photo_name(candidate: User) -> str:
    extension = uploads.extension_of(candidate.avatar.name) or ".jpg"
    return f"{PHOTO_STEM}{extension}"


@dataclass
class Layout:
    """Where each stored file goes in the archive (decided once, used by the JSON and the writer)."""

    files: dict  # PrivateFile pk → path (a file missing from the storage has none)
    attestations: dict  # Attestation pk → path
    synthesis: str | None
    photo: str | None


def _present(stored) -> bool:
    """Whether a file field points at a file its storage still has (a lost file is left out, not fatal)."""
    if not stored:
        return False
    if stored.storage.exists(stored.name):
        return True
    logger.warning("Export: stored file %s is missing", stored.name)
    return False


def layout_of(holdings: Holdings) -> Layout:
    names = Names()
    files = {
        f.pk: names.add(FILES_FOLDER, uploads.clean_name(f.original_name)) for f in holdings.files if _present(f.file)
    }
    attestations = {a.pk: names.add(ATTESTATIONS_FOLDER, f"{_reference_name(a)}.pdf") for a in holdings.attestations}
    published = bool(holdings.synthesis_versions) and _present(holdings.synthesis_versions[0].docx)
    return Layout(
        files=files,
        attestations=attestations,
        synthesis=SYNTHESIS_NAME if published else None,
        photo=_photo_name(holdings.candidate) if _present(holdings.candidate.avatar) else None,
    )


# donnees.json ------------------------------------------------------------------------------------


# LISEZMOI.txt ------------------------------------------------------------------------------------

README = """Mon bilan en ligne — vos données
================================

Cette archive contient tout ce que le portail « Mon bilan en ligne » conserve à votre sujet,
au {date} (droit d'accès et droit à la portabilité : articles 15 et 20 du RGPD).

{data}
  Vos données, dans un format ouvert (JSON, UTF-8) que d'autres logiciels savent lire :
  - votre compte : identité, DABM, dates, préférence de notification (jamais votre mot de passe) ;
  - votre dossier de bilan : conseiller, dates, modalités, phases attribuées, votre accord
    pour la conservation de la synthèse ;
  - vos réponses à chaque phase, avec l'intitulé de chaque question, le statut et les dates ;
  - les commentaires de votre conseiller et ses notes de synthèse ;
  - vos attestations de présence, vos rendez-vous et la liste de vos fichiers ;
  - votre synthèse publiée et vos observations, s'il y en a.
  Les dates sont au format international (AAAA-MM-JJ), à l'heure de Paris.

{files}/
  Les fichiers de « Mes fichiers », sous leur nom d'origine (un numéro est ajouté quand deux
  fichiers portent le même nom).

{attestations}/
  Chaque attestation de présence, en PDF, nommée d'après sa référence.

{synthesis}
  Votre document de synthèse, tel que votre conseiller l'a publié (s'il l'a été).

{photo}.jpg
  Votre image de profil, si vous en avez choisi une.

Cette archive n'est pas chiffrée : gardez-la en lieu sûr et ne la confiez qu'à des personnes
de confiance. Pour faire corriger ou effacer une donnée, adressez-vous à votre conseiller ou au
support technique du portail.
"""


def readme(generated_at: datetime.datetime) -> str:
    return README.format(
        date=f"{timezone.localtime(generated_at):%d/%m/%Y à %H:%M}",
        data=DATA_NAME,
        files=FILES_FOLDER,
        attestations=ATTESTATIONS_FOLDER,
        synthesis=SYNTHESIS_NAME,
        photo=PHOTO_STEM,
    )


# The archive -------------------------------------------------------------------------------------


def _copy(archive: zipfile.ZipFile, path: str, stored) -> None:
    """A stored file into the archive, read through its storage in chunks."""
    with stored.storage.open(stored.name, "rb") as source, archive.open(path, "w") as target:
        shutil.copyfileobj(source, target, CHUNK)


def write_export(candidate: User, output, *, now: datetime.datetime | None = None) -> None:
    """Write the candidate's zip to `output` (a binary, seekable file-like)."""
    generated_at = now or timezone.now()
    holdings = collect(candidate)
    layout = layout_of(holdings)
    data = export_data(holdings, layout, generated_at=generated_at)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(README_NAME, readme(generated_at))
        archive.writestr(DATA_NAME, json.dumps(data, ensure_ascii=False, indent=2))
        if layout.photo:
            _copy(archive, layout.photo, holdings.candidate.avatar)
        for private_file in holdings.files:
            if private_file.pk in layout.files:
                _copy(archive, layout.files[private_file.pk], private_file.file)
        for attestation in holdings.attestations:
            archive.writestr(layout.attestations[attestation.pk], render_attestation_pdf(attestation))
        if layout.synthesis:
            _copy(archive, layout.synthesis, holdings.synthesis_versions[0].docx)


def build_export(candidate: User, *, now: datetime.datetime | None = None) -> bytes:
    """The candidate's zip, in memory (tests, small exports); views write to a temporary file."""
    output = io.BytesIO()
    write_export(candidate, output, now=now)
    return output.getvalue()


def export_filename(candidate: User, today: datetime.date) -> str:
    """mon-bilan-donnees-<username>-<date>.zip, in plain ASCII (accents dropped, other characters → -)."""
    ascii_name = unicodedata.normalize("NFKD", candidate.username).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", ascii_name).strip("-.") or str(candidate.pk)
    return f"mon-bilan-donnees-{name}-{today:%Y-%m-%d}.zip"
