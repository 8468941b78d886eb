"""Load one version of the ROME (the folder of `unix_*_v<version>_utf8.csv.xz` files) in one transaction.

Idempotent: loading the version already loaded writes nothing. A newer version updates changed items,
adds new ones, marks the absent ones `retired_in_version` (never deleted) and replaces the links.
"""

import csv
import hashlib
import io
import lzma
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, transaction

from . import models
from .normalise import search_text

SHIPPED = Path(__file__).resolve().parent / "data" / "rome-v460"
FILE_NAME = re.compile(r"^unix_(?P<table>[a-z_]+)_v(?P<version>\d+)_utf8\.csv\.xz$")
BATCH = 1000
# Link blocks of liens_rome_referentiels: 5 = compétences (rubrique 1, 2 savoir-faire/être; 3 savoirs), 6 = contextes.
BLOCK_SKILLS, BLOCK_CONTEXTS = "5", "6"
RUBRIQUE_SAVOIRS = "3"


class RomeDataError(Exception):
    pass


@dataclass
class LoadReport:
    version: int
    changes: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(any(counts.values()) for counts in self.changes.values())

    def lines(self) -> list[str]:
        return [
            f"{name} : " + ", ".join(f"{count} {what}" for what, count in counts.items())
            for name, counts in self.changes.items()
        ]


class RomeFolder:
    """The CSV files of one version, read (and checked against SHA256SUMS.csv.txt when it is there)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        found = {}
        versions = set()
        for file in self.path.glob("unix_*_utf8.csv.xz"):
            if match := FILE_NAME.match(file.name):
                found[match["table"]] = file
                versions.add(int(match["version"]))
        if len(versions) != 1:
            raise RomeDataError(f"{self.path} : une seule version du ROME attendue, trouvé {sorted(versions)}")
        self.version = versions.pop()
        self.files = found
        self.sums = self._sums()

    def _sums(self) -> dict[str, str]:
        sums_file = self.path / "SHA256SUMS.csv.txt"
        if not sums_file.exists():
            return {}
        pairs = (line.split() for line in sums_file.read_text().splitlines() if line.strip())
        return {name: digest for digest, name in pairs}

    def rows(self, table: str) -> list[dict[str, str]]:
        try:
            file = self.files[table]
        except KeyError:
            raise RomeDataError(f"{self.path} : fichier {table} absent") from None
        data = lzma.decompress(file.read_bytes())
        expected = self.sums.get(file.name.removesuffix(".xz"))
        if expected and hashlib.sha256(data).hexdigest() != expected:
            raise RomeDataError(f"{file.name} : somme SHA-256 différente de SHA256SUMS.csv.txt")
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _yes(value: str) -> bool:
    return value == "O"


def sync_items(model, rows: dict[str, dict], version: int) -> dict[str, int]:
    """Create, update (only what changed) and retire the items of one model; return the counts."""
    existing = {item.pk: item for item in model.objects.all()}
    created, updated, changed_fields = [], [], set()
    for code, values in rows.items():
        item = existing.get(code)
        values = {**values, "retired_in_version": None}
        if item is None:
            created.append(model(pk=code, last_seen_version=version, **values))
            continue
        changes = {name: value for name, value in values.items() if getattr(item, name) != value}
        if changes:
            for name, value in changes.items():
                setattr(item, name, value)
            changed_fields.update(changes)
            updated.append(item)
    gone = [code for code, item in existing.items() if code not in rows and item.retired_in_version is None]
    model.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        model.objects.bulk_update(updated, sorted(changed_fields), batch_size=BATCH)
    for start in range(0, len(gone), BATCH):
        model.objects.filter(pk__in=gone[start : start + BATCH]).update(retired_in_version=version)
    model.objects.current().exclude(last_seen_version=version).update(last_seen_version=version)
    return {"créés": len(created), "modifiés": len(updated), "retirés": len(gone)}


def sync_links(model, keys: tuple[str, ...], rows: dict[tuple, dict]) -> dict[str, int]:
    """Make the link table hold exactly `rows` ({key tuple: other values}), writing only the differences."""
    value_names = sorted({name for values in rows.values() for name in values})
    existing = {}
    for record in model.objects.values("pk", *keys, *value_names):
        existing[tuple(record[name] for name in keys)] = record
    created, updated = [], []
    for key, values in rows.items():
        record = existing.get(key)
        if record is None:
            created.append(model(**dict(zip(keys, key, strict=True)), **values))
        elif any(record[name] != value for name, value in values.items()):
            updated.append(model(pk=record["pk"], **dict(zip(keys, key, strict=True)), **values))
    gone = [record["pk"] for key, record in existing.items() if key not in rows]
    for start in range(0, len(gone), BATCH):
        model.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    model.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        model.objects.bulk_update(updated, value_names, batch_size=BATCH)
    return {"créés": len(created), "modifiés": len(updated), "supprimés": len(gone)}


def _by(rows: Iterable[dict], key: str) -> dict[str, dict]:
    return {row[key]: row for row in rows}


def _domains(folder: RomeFolder):
    grands = {
        row["code_grand_domaine"]: {"label": row["libelle_grand_domaine"]} for row in folder.rows("grand_domaine")
    }
    domaines = {
        row["code_domaine_professionnel"]: {
            "label": row["libelle_domaine_professionnel"],
            "grand_domaine_id": row["code_domaine_professionnel"][:1],
        }
        for row in folder.rows("domaine_professionnel")
    }
    return grands, domaines


def _fiches(folder: RomeFolder, domaines: dict) -> dict[str, dict]:
    tree = _by(folder.rows("cr_gd_dp"), "code_rome")
    riasec = _by(folder.rows("referentiel_code_rome_riasec"), "code_rome")
    fiches = {}
    for row in folder.rows("referentiel_code_rome"):
        code = row["code_rome"]
        domaine = tree.get(code, {}).get("code_domaine_professionel", "")
        fiches[code] = {
            "label": row["libelle_rome"],
            "search_text": search_text(row["libelle_rome"]),
            "code_ogr": row["code_ogr"],
            "domaine_id": domaine if domaine in domaines else None,
            "parent_code": row["code_rome_parent"],
            "transition_eco": row["transition_eco"],
            "emploi_reglemente": _yes(row["emploi_reglemente"]),
            "emploi_cadre": _yes(row["emploi_cadre"]),
            "riasec_majeur": riasec.get(code, {}).get("riasec_majeur", ""),
            "riasec_mineur": riasec.get(code, {}).get("riasec_mineur", ""),
        }
    return fiches


def _appellations(folder: RomeFolder) -> dict[str, dict]:
    return {
        row["code_ogr"]: {
            "label": row["libelle_appellation_long"],
            "short_label": row["libelle_appellation_court"],
            "search_text": search_text(row["libelle_appellation_long"]),
            "fiche_id": row["code_rome"],
            "classification": row["classification"],
            "peu_usite": _yes(row["peu_usite"]),
            "emploi_reglemente": _yes(row["emploi_reglemente"]),
            "emploi_cadre": _yes(row["emploi_cadre"]),
        }
        for row in folder.rows("referentiel_appellation")
    }


def _competences(folder: RomeFolder) -> dict[str, dict]:
    rows = folder.rows("referentiel_competence")
    codes = {row["code_ogr"] for row in rows}
    riasec = _by(folder.rows("referentiel_macro_competence_riasec"), "code_ogr")
    return {
        row["code_ogr"]: {
            "label": row["libelle_competence"],
            "search_text": search_text(row["libelle_competence"]),
            "nature": row["nature"],
            "categorie": row["cat_comp"],
            "sous_categorie": row["sous_cat_comp"],
            "definition": row["definition"],
            "macro_id": row["code_ogr_macro_comp"] if row["code_ogr_macro_comp"] in codes else None,
            "code_macro": row["code_macro_comp"],
            "riasec_majeur": riasec.get(row["code_ogr"], {}).get("riasec_majeur", ""),
            "riasec_mineur": riasec.get(row["code_ogr"], {}).get("riasec_mineur", ""),
        }
        for row in rows
    }


def _savoirs(folder: RomeFolder) -> dict[str, dict]:
    return {
        row["code_ogr_savoir"]: {
            "label": row["libelle_savoir"],
            "search_text": search_text(row["libelle_savoir"]),
            "categorie": row["categorie_savoir"],
            "sous_categorie": row["sous_categorie_savoir"],
        }
        for row in folder.rows("referentiel_savoir")
    }


def _contextes(folder: RomeFolder) -> dict[str, dict]:
    return {
        row["code_ogr"]: {
            "label": row["libelle_cont_travail"],
            "type_code": row["code_type_cont_trav"],
            "type_label": row["libelle_type_cont_trav"],
        }
        for row in folder.rows("referentiel_contexte_travail")
    }


def _item_links(folder: RomeFolder, fiches, competences, savoirs, contextes):
    coeur = {(row["code_rome"], row["code_ogr"]): row["coeur_metier"] for row in folder.rows("coherence_item")}
    skills, knowledge, contexts = {}, {}, {}
    for row in folder.rows("liens_rome_referentiels"):
        fiche, item, block = row["code_rome"], row["code_ogr"], row["code_compo_bloc"]
        if fiche not in fiches:
            continue
        values = {"coeur_metier": coeur.get((fiche, item), "")}
        if block == BLOCK_SKILLS and row["code_rubrique"] == RUBRIQUE_SAVOIRS and item in savoirs:
            knowledge[(fiche, item)] = values
        elif block == BLOCK_SKILLS and item in competences:
            skills[(fiche, item)] = {**values, "rubrique": int(row["code_rubrique"])}
        elif block == BLOCK_CONTEXTS and item in contextes:
            contexts[(fiche, item)] = values
    return skills, knowledge, contexts


def _mobilities(folder: RomeFolder, fiches) -> dict[tuple, dict]:
    return {
        (row["code_rome"], row["code_rome_cible"]): {"ordre": int(row["numero_ordre"])}
        for row in folder.rows("rubrique_mobilite")
        if row["code_rome"] in fiches and row["code_rome_cible"] in fiches
    }


def _texts(folder: RomeFolder, fiches) -> dict[tuple, dict]:
    return {
        (row["code_rome"], row["libelle_type_texte"], int(row["position_phrase"])): {"text": row["libelle_texte"]}
        for row in folder.rows("texte")
        if row["code_rome"] in fiches
    }


def load_rome(path: Path | str = SHIPPED) -> LoadReport:
    """Read the whole folder first (a bad file changes nothing), then write it in one transaction."""
    folder = RomeFolder(Path(path))
    version = folder.version
    current = models.RomeVersion.current()
    if current and current.number > version:
        raise RomeDataError(f"La version {current.number} est déjà chargée : la version {version} est plus ancienne.")
    grands, domaines = _domains(folder)
    fiches = _fiches(folder, domaines)
    competences, savoirs, contextes = _competences(folder), _savoirs(folder), _contextes(folder)
    appellations = {code: row for code, row in _appellations(folder).items() if row["fiche_id"] in fiches}
    skills, knowledge, contexts = _item_links(folder, fiches, competences, savoirs, contextes)
    mobilities, texts = _mobilities(folder, fiches), _texts(folder, fiches)

    report = LoadReport(version)
    with transaction.atomic():
        for model, rows in (
            (models.GrandDomaine, grands),
            (models.DomaineProfessionnel, domaines),
            (models.Fiche, fiches),
            (models.Appellation, appellations),
            (models.Competence, competences),
            (models.Savoir, savoirs),
            (models.ContexteTravail, contextes),
        ):
            report.changes[str(model._meta.verbose_name_plural)] = sync_items(model, rows, version)
        for model, keys, rows in (
            (models.FicheCompetence, ("fiche_id", "competence_id"), skills),
            (models.FicheSavoir, ("fiche_id", "savoir_id"), knowledge),
            (models.FicheContexte, ("fiche_id", "contexte_id"), contexts),
            (models.Mobilite, ("fiche_id", "cible_id"), mobilities),
            (models.FicheTexte, ("fiche_id", "kind", "position"), texts),
        ):
            report.changes[str(model._meta.verbose_name_plural)] = sync_links(model, keys, rows)
        if not models.RomeVersion.objects.filter(number=version).exists():
            models.RomeVersion.objects.create(number=version)
        if report.changed:
            refresh_statistics()
    return report


def refresh_statistics() -> None:
    """Tell PostgreSQL's planner how big the tables now are. Without it, until autovacuum comes by (and
    never inside the loading transaction, as in tests), it plans the fiche pages and the suggestions as
    if the tables were empty: nested loops over 55 000 links, minutes instead of milliseconds."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table) for model in apps.get_app_config("skills").get_models()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
