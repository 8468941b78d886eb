"""`manage.py load_rome`: the shipped ROME v460 loads whole, reloads as nothing, and a newer version
replaces it without losing a code (a removed one is kept, marked retired in the new version)."""

import hashlib
import lzma
import shutil

import pytest
from django.core.management import CommandError, call_command

from skills.loader import SHIPPED, RomeDataError, RomeFolder, load_rome
from skills.models import (
    Appellation,
    Competence,
    ContexteTravail,
    DomaineProfessionnel,
    Fiche,
    FicheCompetence,
    FicheContexte,
    FicheSavoir,
    FicheTexte,
    GrandDomaine,
    Mobilite,
    RomeVersion,
    Savoir,
)

pytestmark = pytest.mark.django_db

RENAMED_APPELLATION = "14156"  # Développeur / Développeuse web
REMOVED_COMPETENCE = "121219"  # Rédiger un compte rendu de réunion


def _links(folder, block, *rubriques):
    return sum(
        1
        for row in folder.rows("liens_rome_referentiels")
        if row["code_compo_bloc"] == block and row["code_rubrique"] in rubriques
    )


def test_the_shipped_version_loads_every_record_and_a_second_load_changes_nothing(capsys):
    call_command("load_rome")
    assert "ROME v460 chargé" in capsys.readouterr().out
    folder = RomeFolder(SHIPPED)
    assert folder.version == 460
    expected = {
        GrandDomaine: len(folder.rows("grand_domaine")),
        DomaineProfessionnel: len(folder.rows("domaine_professionnel")),
        Fiche: len(folder.rows("referentiel_code_rome")),
        Appellation: len(folder.rows("referentiel_appellation")),
        Competence: len(folder.rows("referentiel_competence")),
        Savoir: len(folder.rows("referentiel_savoir")),
        ContexteTravail: len(folder.rows("referentiel_contexte_travail")),
        FicheCompetence: _links(folder, "5", "1", "2"),
        FicheSavoir: _links(folder, "5", "3"),
        FicheContexte: _links(folder, "6", ""),
        Mobilite: len(folder.rows("rubrique_mobilite")),
        FicheTexte: len(folder.rows("texte")),
    }
    assert {model.__name__: model.objects.count() for model in expected} == {
        model.__name__: count for model, count in expected.items()
    }
    assert expected[Fiche] == 1584 and expected[Appellation] == 13120 and expected[Competence] == 18317

    fiche = Fiche.objects.select_related("domaine__grand_domaine").get(code="K2106")
    assert fiche.domaine.code == "K21" and fiche.domaine.grand_domaine.code == "K"
    assert fiche.riasec_majeur and fiche.textes.filter(kind=FicheTexte.DEFINITION).exists()
    assert Appellation.objects.get(code="18161").label == "Professeur / Professeure des écoles"
    assert FicheCompetence.objects.exclude(coeur_metier="").exists()
    assert Competence.objects.filter(macro__isnull=False).exists()

    assert not load_rome().changed
    assert RomeVersion.objects.get().number == 460
    assert not Competence.objects.filter(retired_in_version__isnull=False).exists()


def _newer_copy(tmp_path):
    """The shipped files as « v461 », with one job title renamed and one competence removed."""
    target = tmp_path / "rome-v461"
    target.mkdir()
    sums = []
    for source in sorted(SHIPPED.glob("unix_*_v460_utf8.csv.xz")):
        name = source.name.replace("_v460_", "_v461_")
        data = lzma.decompress(source.read_bytes())
        if "referentiel_appellation" in name:
            data = data.replace(
                '"14156","Développeur / Développeuse web"'.encode(),
                '"14156","Développeur / Développeuse web et mobile"'.encode(),
            )
        elif any(table in name for table in ("referentiel_competence", "unix_item", "liens_rome", "coherence_item")):
            lines = data.split(b"\n")
            data = b"\n".join(line for line in lines if f'"{REMOVED_COMPETENCE}"'.encode() not in line)
        if data == lzma.decompress(source.read_bytes()):
            shutil.copyfile(source, target / name)
        else:
            (target / name).write_bytes(lzma.compress(data, preset=0))
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {name.removesuffix('.xz')}")
    (target / "SHA256SUMS.csv.txt").write_text("\n".join(sums) + "\n")
    return target


def test_a_newer_version_renames_labels_and_retires_removed_codes(tmp_path):
    load_rome()
    removed = Competence.objects.get(code=REMOVED_COMPETENCE)
    assert removed.fiche_links.exists()

    report = load_rome(_newer_copy(tmp_path))

    assert report.version == 461 and report.changed
    renamed = Appellation.objects.get(code=RENAMED_APPELLATION)
    assert renamed.label == "Développeur / Développeuse web et mobile"
    assert renamed.last_seen_version == 461 and not renamed.is_retired
    removed.refresh_from_db()
    assert removed.label == "Rédiger un compte rendu de réunion"  # kept as it was
    assert removed.retired_in_version == 461 and removed.last_seen_version == 460
    assert removed.retirement_notice == "n'existe plus dans le ROME v461"
    assert not removed.fiche_links.exists()
    assert REMOVED_COMPETENCE not in set(Competence.objects.current().values_list("code", flat=True))
    assert Competence.objects.count() == 18317  # nothing deleted
    assert list(RomeVersion.objects.values_list("number", flat=True)) == [461, 460]
    assert not load_rome(tmp_path / "rome-v461").changed

    with pytest.raises(RomeDataError, match="plus ancienne"):
        load_rome()


def test_a_file_that_does_not_match_its_checksum_is_refused_before_anything_is_written(tmp_path):
    copy = tmp_path / "rome-v460"
    shutil.copytree(SHIPPED, copy)
    grand_domaine = copy / "unix_grand_domaine_v460_utf8.csv.xz"
    grand_domaine.chmod(0o644)
    grand_domaine.write_bytes(lzma.compress(b'"code_grand_domaine","libelle_grand_domaine"\n"A","Autre"\n'))
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("load_rome", str(copy))
    assert not GrandDomaine.objects.exists() and not RomeVersion.objects.exists()
