"""What an answer may hold: a table or repeatable entries take at most the rows the editor set (« Nombre
maximum de lignes », 50 by default), every text of an answer is checked as a text field is (length, no
NUL character), crafted field names are ignored, never a server error; and the largest answer the
limits allow still renders into the synthèse."""

import io
import re

import docx
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bench.largest_answer import Filler, post_largest_answers
from candidates.models import AuditEvent, PhaseResponse

from .admin_form_data import phase_form_data
from .e2e.conftest import browser, log_in, page  # noqa: F401 - the browser test's fixtures
from .factories import PASSWORD
from .phase_builders import FULL_POST, every_type_phase
from .samples import pdf_text

pytestmark = pytest.mark.django_db

LIMIT = 3
TABLE = ("table", ["col-0", "col-1"], "Ce tableau accepte 3 lignes au plus ; videz les lignes en trop.")
ENTRIES = ("entries", ["f-0", "f-1"], "Cette question accepte 3 entrées au plus ; videz les entrées en trop.")
NUL_MESSAGE = "Le caractère nul n’est pas autorisé."


@pytest.fixture
def phase(bilan, candidate):
    phase = every_type_phase(bilan, max_rows=LIMIT)
    candidate.dossier.phases.add(phase)
    return phase


@pytest.fixture
def url(phase):
    return reverse("dossiers:phase_answer", args=[phase.slug])


@pytest.fixture
def autosave_url(phase):
    return reverse("dossiers:phase_autosave", args=[phase.slug])


def rows(question, columns, count):
    return {f"{question}__{row}__{column}": f"Texte {question} {row + 1}" for row in range(count) for column in columns}


def stored(candidate):
    response = PhaseResponse.objects.filter(candidate=candidate).first()
    return response.answers if response else None


def test_the_form_says_how_many_rows_each_question_takes(client, candidate, url):
    client.force_login(candidate)
    html = client.get(url).content.decode()
    assert "3 lignes au plus. 20\xa0000 caractères au plus en tout." in html
    assert "3 entrées au plus. 20\xa0000 caractères au plus en tout." in html


@pytest.mark.parametrize(("question", "columns", "message"), [TABLE, ENTRIES])
def test_more_rows_than_the_limit_are_refused_and_all_that_was_typed_is_shown_again(
    client, candidate, url, question, columns, message
):
    client.force_login(candidate)
    response = client.post(url, {**rows(question, columns, LIMIT + 1), "version": "0", "action": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    for number in range(1, LIMIT + 2):
        assert f"Texte {question} {number}" in html
    assert stored(candidate) is None


@pytest.mark.parametrize(("question", "columns", "message"), [TABLE, ENTRIES])
def test_autosave_refuses_more_rows_with_a_json_error_naming_the_question(
    client, candidate, autosave_url, question, columns, message
):
    client.force_login(candidate)
    response = client.post(autosave_url, {**rows(question, columns, LIMIT + 1), "version": "0", "save_id": "a1"})
    assert response.status_code == 400
    assert response.json()["errors"] == {question: [message]}
    assert stored(candidate) is None


def test_rows_up_to_the_limit_are_saved_and_no_blank_row_is_offered_beyond(client, candidate, url):
    client.force_login(candidate)
    posted = {**rows("table", TABLE[1], LIMIT), **rows("entries", ENTRIES[1], LIMIT)}
    assert client.post(url, {**posted, "version": "0", "action": "save"}).status_code == 302
    assert len(stored(candidate)["table"]) == len(stored(candidate)["entries"]) == LIMIT
    html = client.get(url).content.decode()
    assert 'name="table__2__col-0"' in html and 'name="table__3__col-0"' not in html
    assert 'name="entries__2__f-0"' in html and 'name="entries__3__f-0"' not in html
    shown = re.findall(r"<p [^>]*data-rows-full=[^>]*>([^<]*)</p>", html)
    assert shown == ["Vous avez atteint le maximum : 3 lignes.", "Vous avez atteint le maximum : 3 entrées."]


def test_empty_rows_do_not_count(client, candidate, url):
    client.force_login(candidate)
    posted = {**rows("table", TABLE[1], LIMIT), "table__7__col-0": "", "table__8__col-1": "  "}
    assert client.post(url, {**posted, "version": "0", "action": "save"}).status_code == 302
    assert len(stored(candidate)["table"]) == LIMIT


@pytest.mark.parametrize(
    ("name", "limit", "where"),
    [
        ("table__1__col-1", 300, "Ligne 2, « Où acquise »"),
        ("entries__1__f-0", 200, "Entrée 2, « Employeur »"),
        ("entries__1__f-1", 1000, "Entrée 2, « Ce que j'ai aimé »"),
    ],
)
def test_a_cell_longer_than_its_limit_is_refused_where_it_is_not_cut(client, candidate, url, name, limit, where):
    client.force_login(candidate)
    first_rows = {"table__0__col-0": "Accueil du public", "entries__0__f-0": "CHU de Nîmes"}
    exact = client.post(url, {**first_rows, name: "é" * limit, "version": "0", "action": "save"})
    assert exact.status_code == 302
    too_long = client.post(url, {**first_rows, name: "x" * (limit + 1), "version": "1", "action": "save"})
    assert too_long.status_code == 400
    expected = f"{where} : Assurez-vous que cette valeur comporte au plus {limit} caractères (actuellement {limit + 1})"
    assert expected.replace("'", "&#x27;") in too_long.content.decode()
    assert "x" * (limit + 1) in too_long.content.decode()  # shown again, whole
    question, _row, column = name.split("__")
    assert stored(candidate)[question][1][column] == "é" * limit


@pytest.mark.parametrize(("question", "columns"), [TABLE[:2], ENTRIES[:2]])
def test_an_answer_of_more_than_20_000_characters_in_all_is_refused(client, bilan, candidate, question, columns):
    """Rows within their number and cells within their length, but more text than one answer holds
    (as much as a long text): refused with the count, everything shown again, nothing saved."""
    phase = every_type_phase(bilan, slug="phase-longue", max_rows=200)
    candidate.dossier.phases.add(phase)
    url = reverse("dossiers:phase_answer", args=[phase.slug])
    client.force_login(candidate)
    cell = "c" * 199
    posted = {f"{question}__{row}__{column}": cell for row in range(51) for column in columns}  # 20 298
    response = client.post(url, {**posted, "version": "0", "action": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cette réponse compte 20\xa0298 caractères, pour 20\xa0000 au plus : raccourcissez-la." in html
    assert html.count(cell) >= 51 * len(columns)
    assert stored(candidate) is None
    del posted[f"{question}__50__{columns[0]}"], posted[f"{question}__50__{columns[1]}"]  # 19 900 characters
    assert client.post(url, {**posted, "version": "0", "action": "save"}).status_code == 302
    assert len(stored(candidate)[question]) == 50


def test_staff_set_the_limit_in_the_streamfield(client, administrator, candidate, phase):
    client.force_login(administrator)  # publishes directly; an éditeur's change goes through « Relecture »
    edit_url = reverse("wagtailadmin_pages:edit", args=[phase.pk])
    edit = client.get(edit_url).content.decode()
    assert "Nombre maximum de lignes" in edit and "Le candidat ne peut pas en ajouter davantage" in edit

    def publish(max_rows):
        raw = [dict(block, value=dict(block["value"])) for block in phase.questions.raw_data]
        next(block for block in raw if block["id"] == "table")["value"]["max_rows"] = max_rows
        return client.post(edit_url, {**phase_form_data(phase, raw), "action-publish": "1"})

    for refused in (0, 201):
        assert publish(refused).status_code == 200  # the editor's form again, with the error
    assert publish(2).status_code == 302
    client.force_login(candidate)
    html = client.get(reverse("dossiers:phase_answer", args=[phase.slug])).content.decode()
    assert "2 lignes au plus." in html and "3 entrées au plus." in html


@pytest.mark.parametrize("digit", ["²", "①", "٣"])
def test_a_row_number_that_is_not_ascii_digits_is_ignored(client, candidate, url, autosave_url, digit):
    """« ² » passes str.isdigit() but int() refuses it; « ٣ » int() reads as 3: neither is a row."""
    client.force_login(candidate)
    crafted = {f"table__{digit}__col-0": "Piège", f"entries__{digit}__f-0": "Piège", "short": "Infirmière"}
    page_response = client.post(url, {**crafted, "version": "0", "action": "save"})
    assert page_response.status_code == 302
    assert stored(candidate)["table"] == stored(candidate)["entries"] == []
    autosave = client.post(autosave_url, {**crafted, "version": "1", "save_id": "a1"})
    assert autosave.status_code == 200
    assert stored(candidate)["short"] == "Infirmière"


NUL = "a\x00b"


@pytest.mark.parametrize(
    ("posted", "question", "message"),
    [
        ({"table__0__col-0": NUL}, "table", f"Ligne 1, « Compétence » : {NUL_MESSAGE}"),
        ({"entries__1__f-1": NUL}, "entries", f"Entrée 2, « Ce que j'ai aimé » : {NUL_MESSAGE}"),
        ({"short": NUL}, "short", NUL_MESSAGE),
        ({"long": NUL}, "long", NUL_MESSAGE),
        ({"single": NUL}, "single", None),
        ({"multi": [NUL]}, "multi", None),
        ({"scale__scale-0": NUL}, "scale", None),
        ({"rank__rank-0": NUL, "rank__rank-1": "1", "rank__rank-2": "2"}, "rank", None),
    ],
)
def test_a_nul_character_in_any_answer_is_refused_with_a_field_error(
    client, candidate, url, autosave_url, posted, question, message
):
    """PostgreSQL stores no NUL character, in text or JSON: the form refuses it before (a 400, not a 500)."""
    client.force_login(candidate)
    autosave = client.post(autosave_url, {**FULL_POST, **posted, "version": "0", "save_id": "a1"})
    assert autosave.status_code == 400
    assert list(autosave.json()["errors"]) == [question]
    if message:
        assert autosave.json()["errors"][question] == [message]
    page_response = client.post(url, {**FULL_POST, **posted, "version": "0", "action": "save"})
    assert page_response.status_code == 400
    if message:
        assert message.replace("'", "&#x27;") in page_response.content.decode()
    assert stored(candidate) is None


def test_the_largest_answer_allowed_still_makes_a_docx_and_a_pdf(client, bilan, candidate, counsellor):
    """Every question at its limits (50 rows of full cells, 20 000 characters of long text…), sent
    through the candidate's form: the synthèse holds it to the last row."""
    phase = every_type_phase(bilan)
    candidate.dossier.phases.add(phase)
    client.force_login(candidate)
    response = post_largest_answers(client, phase, Filler())
    assert response.status_code == 302 and response.url == reverse("dashboard")
    answers = stored(candidate)
    assert len(answers["table"]) == len(answers["entries"]) == 50
    for question in ("table", "entries"):  # every row, as much text as one answer holds
        assert 19_000 < sum(len(text) for row in answers[question] for text in row.values()) <= 20_000
    last_cell = answers["table"][-1]["col-1"]
    last_entry = answers["entries"][-1]["f-1"]

    client.force_login(counsellor)
    word = docx.Document(io.BytesIO(client.get(reverse("synthesis_docx", args=[candidate.dossier.pk])).content))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert last_cell in cells and last_entry in cells
    text = pdf_text(client.get(reverse("synthesis_pdf", args=[candidate.dossier.pk])).content)
    assert last_cell in text and last_entry in text


def test_a_synthese_too_long_for_a_pdf_is_offered_as_a_docx(client, bilan, candidate, counsellor):
    """Four phases at their limits (about 100 pages): no worker is held for the PDF; the counsellor is
    told why and given the .docx, which holds every row."""
    client.force_login(candidate)
    for number in range(4):
        phase = every_type_phase(bilan, slug=f"phase-de-test-{number}")
        candidate.dossier.phases.add(phase)
        assert post_largest_answers(client, phase, Filler()).status_code == 302
    client.force_login(counsellor)
    response = client.get(reverse("synthesis_pdf", args=[candidate.dossier.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    shown = response.content.decode()
    assert "Synthèse trop longue pour un PDF" in shown
    assert int(re.search(r"environ (\d+) pages", shown)[1]) >= 90
    assert reverse("synthesis_docx", args=[candidate.dossier.pk]) in shown
    assert reverse("dossiers:candidate", args=[candidate.dossier.pk]) in shown
    assert not AuditEvent.objects.filter(detail="synthèse (PDF)").exists()  # nothing was downloaded
    word = docx.Document(io.BytesIO(client.get(reverse("synthesis_docx", args=[candidate.dossier.pk])).content))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert stored(candidate)["table"][-1]["col-1"] in cells


@pytest.mark.e2e  # as tests/e2e/conftest.py's E2E: a live server needs a transactional database
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_add_row_button_stops_at_the_limit_and_says_why(page, log_in, candidate, bilan):  # noqa: F811
    phase = every_type_phase(bilan, max_rows=LIMIT)
    candidate.dossier.phases.add(phase)
    log_in(candidate.username, PASSWORD)
    page.goto(reverse("dossiers:phase_answer", args=[phase.slug]))
    question = page.locator('[data-question="table"]')
    expect(question).to_contain_text("3 lignes au plus.")
    add = question.get_by_role("button", name="Ajouter une ligne")
    full = question.get_by_text("Vous avez atteint le maximum : 3 lignes.")
    expect(full).to_have_count(0)
    add.click()
    page.get_by_label("Compétence, ligne 2").fill("Gestion d'agenda")
    expect(add).to_be_enabled()
    add.click()
    expect(page.get_by_label("Compétence, ligne 3")).to_be_focused()
    expect(add).to_be_disabled()
    expect(full).to_be_visible()
    expect(add).to_have_attribute("aria-describedby", re.compile("__full$"))
    expect(page.get_by_label("Compétence, ligne 4")).to_have_count(0)
