"""The synthèse from draft to second version, in Chromium (#19): the counsellor downloads the draft
from the dashboard, composes *Compétences et aptitudes identifiées* from two of the candidate's
answers, publishes after confirming; the candidate is told by e-mail, downloads it from *Ma synthèse*
and adds observations; the counsellor publishes a second version, and both versions are listed."""

import io
import re
from pathlib import Path

import docx
from playwright.sync_api import expect

from tests.e2e.conftest import E2E
from tests.factories import PASSWORD
from tests.phase_builders import complete_phase

pytestmark = E2E


def text_of(path: str) -> str:
    document = docx.Document(io.BytesIO(Path(path).read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def publish(page, number: int):
    page.get_by_role("link", name="Publier la synthèse…").click()
    expect(page.get_by_text("Le bénéficiaire pourra le télécharger ; cette version sera figée")).to_be_visible()
    page.get_by_text("Je confirme que ces rubriques doivent rester vides").click()  # the DSFR box is its label
    page.get_by_role("button", name=f"Publier la version {number}").click()
    expect(page.get_by_text(f"La version {number} de la synthèse est publiée")).to_be_visible()


def test_from_draft_to_a_second_version(page, log_in, counsellor, candidate, phases, mailoutbox):
    dossier = candidate.dossier
    dossier.phases.set(phases[:3])
    complete_phase(candidate, phases[1], "Vingt ans dans la logistique")
    complete_phase(candidate, phases[2], "La solidarité avant tout")

    # The guide's one click: the draft as .docx, from the dashboard.
    log_in(counsellor.username, PASSWORD)
    row = page.locator("tr[data-dossier]", has_text="BERNARD")
    with page.expect_download() as draft:
        row.get_by_role("link", name="Consulter sa synthèse").click()
    assert draft.value.suggested_filename.endswith(".docx")
    assert "Vingt ans dans la logistique" in text_of(draft.value.path())  # the annex has the answers

    # Compose a section from two answers, and edit it.
    row.get_by_role("link", name="Consulter son compte").click()
    page.get_by_role("link", name="Rédiger la synthèse").click()
    section = page.locator('section[data-synthesis-section="competences"]')
    editor = section.get_by_role("textbox", name="2. Compétences et aptitudes identifiées")
    insert = re.compile("^Insérer dans la synthèse la réponse à")
    for answer in ("Vingt ans dans la logistique", "La solidarité avant tout"):
        section.locator(".synthesis-material__item", has_text=answer).first.get_by_role("button", name=insert).click()
    expect(editor).to_contain_text("La solidarité avant tout")
    editor.press("Control+End")
    editor.press_sequentially(" Organise et fédère une équipe.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Le brouillon de la synthèse est enregistré.")).to_be_visible()
    publish(page, 1)

    # The candidate is told, downloads it and writes observations.
    [mail] = mailoutbox
    assert mail.to == [candidate.email] and "Organise" not in mail.body
    page.get_by_role("button", name="Se déconnecter").click()
    log_in(candidate.username, PASSWORD)
    page.get_by_role("link", name="Ma synthèse : observations et accords").click()
    with page.expect_download() as mine:
        page.get_by_role("link", name="Télécharger ma synthèse (.docx)").click()
    published = text_of(mine.value.path())
    assert "Vingt ans dans la logistique" in published and "Organise et fédère une équipe." in published
    page.get_by_role("textbox", name="Mes observations").fill("Je valide le projet, avec une réserve sur la mobilité.")
    page.get_by_role("button", name="Enregistrer mes observations").click()
    expect(page.get_by_text("Vos observations sont enregistrées")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    # A second version carries the observations; both are listed, to each of them.
    log_in(counsellor.username, PASSWORD)
    page.locator("tr[data-dossier]", has_text="BERNARD").get_by_role("link", name="Consulter son compte").click()
    page.get_by_role("link", name="Rédiger la synthèse").click()
    expect(page.get_by_text("Je valide le projet, avec une réserve sur la mobilité.")).to_be_visible()
    publish(page, 2)
    versions = page.locator("section", has=page.get_by_role("heading", name="Versions publiées"))
    expect(versions.get_by_text(re.compile(r"^Version \d publiée le"))).to_have_count(2)
    page.get_by_role("button", name="Se déconnecter").click()

    log_in(candidate.username, PASSWORD)
    page.get_by_role("link", name="Ma synthèse : observations et accords").click()
    expect(page.get_by_text("(version 2)")).to_be_visible()
    with page.expect_download() as latest:
        page.get_by_role("link", name="Télécharger ma synthèse (.docx)").click()
    assert "Je valide le projet, avec une réserve sur la mobilité." in text_of(latest.value.path())
    with page.expect_download() as first:
        page.get_by_role("link", name=".docx de la version 1").click()
    assert "Je valide le projet" not in text_of(first.value.path())  # frozen as it was
