"""The authorisation matrix: every URL of the portal × every actor, on objects owned by candidate X.

Every named URL declared by (or served from) the apps `candidates`, `home` and `documents`, plus the
two Wagtail admin entry points, is requested with GET by each actor; the outcome is compared with the
reference table EXPECTED. A URL missing from EXPECTED (or an entry for a URL that no longer exists)
fails the test: adding a view means deciding, here, who may reach it.

Outcomes: 200, "login" (302 to the login page), "redirect" (302 elsewhere), 403, 404, 405 (POST only).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from candidates.agenda import services as agenda_services
from candidates.attestations import services as attestation_services
from candidates.files import services as file_services
from candidates.models import FollowUp, PhaseResponse, PrivateFile, Synthesis
from candidates.satisfaction import services as satisfaction_services
from candidates.synthesis import services as synthesis_services
from skills.models import Fiche

from .factories import CandidateFactory, CounsellorFactory
from .samples import PDF_BYTES, image_bytes

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
APPS = ("candidates", "home", "documents")
ADMIN_PATHS = (
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/candidates/dossier/",
    "/admin/candidates/attestation/",
    "/admin/candidates/counsellor/",
    "/admin/journal/",
)
ROLES = ("anonymous", "candidate_x", "candidate_y", "counsellor_a", "counsellor_b", "editor", "administrator")
GROUPS = {
    "authenticated": ROLES[1:],
    "candidates": ("candidate_x", "candidate_y"),
    "counsellors": ("counsellor_a", "counsellor_b"),
    "staff": ("editor", "administrator"),
}


def row(default, **outcomes) -> dict:
    """One line of EXPECTED: `default` for everyone, then groups (GROUPS), then single roles."""
    line = dict.fromkeys(ROLES, default)
    for group, members in GROUPS.items():
        if group in outcomes:
            line.update(dict.fromkeys(members, outcomes[group]))
    for role, outcome in outcomes.items():
        if role not in GROUPS:
            assert role in ROLES, role
            line[role] = outcome
    return line


def logged_in(default=404, **outcomes) -> dict:
    """A view behind login (or a role check): anonymous visitors go to the login page."""
    return row(default, anonymous="login", **outcomes)


ALL_200 = row(200)
POST_ONLY = row(405)

# URL name (or admin path) → expected GET outcome per actor, on X's objects (see ARGS).
EXPECTED = {
    # Authentication: open to all.
    "accounts:login": row("redirect", anonymous=200),  # redirect_authenticated_user
    "accounts:logout": POST_ONLY,
    "accounts:password_reset": ALL_200,
    "accounts:password_reset_done": ALL_200,
    "accounts:password_reset_confirm": ALL_200,  # an invalid link says so, whoever asks
    "accounts:password_reset_complete": ALL_200,
    "support": ALL_200,
    # One's own pages.
    "accounts:account": logged_in(200),
    "accounts:profile_edit": logged_in(200),
    "files:mine": logged_in(200),
    "dashboard": logged_in(200),
    "synthesis:mine": logged_in(candidates=200),
    "my_data": logged_in(candidates=200),
    "my_data_download": logged_in(candidates=200),  # each candidate gets their own data
    "agenda:week": logged_in(candidates=200, counsellors=200),
    "agenda:add": logged_in(counsellors=200),
    "dossiers:candidate_add": logged_in(counsellors=200),
    "attestations:list": logged_in(counsellors=200),
    "attestations:add": logged_in(counsellors=200),
    # Explorer un métier: the people of a bilan and administrators; editors are not told it exists.
    "explore:search": logged_in(200, editor=404),
    "explore:lookup": logged_in(200, editor=404),
    "explore:fiche": logged_in(200, editor=404),
    "orientation:overview": logged_in(candidates=200),  # Mes métiers: each candidate their own
    # POST only.
    "orientation:envisage": POST_ONLY,
    "orientation:plan_add": POST_ONLY,
    "orientation:dismiss": POST_ONLY,
    "orientation:restore": POST_ONLY,
    "agenda:feed_create": POST_ONLY,
    "agenda:feed_revoke": POST_ONLY,
    "dossiers:phase_autosave": POST_ONLY,
    "attestation_preview": POST_ONLY,
    "synthesis:sharing_give": POST_ONLY,
    "synthesis:sharing_revoke": POST_ONLY,
    "synthesis:autosave": POST_ONLY,
    "satisfaction:results": logged_in(counsellors=200),  # aggregates of their own candidates' answers
    # After the bilan: X answers their follow-up and appreciation; Y has none to answer.
    "followup:answer": logged_in(candidate_x=200),
    "satisfaction:answer": logged_in(candidate_x=200),
    "alerts:remind": POST_ONLY,  # Envoyer un rappel (À suivre): X's counsellor only, tests/test_alerts_dashboard.py
    # X's objects: X and X's counsellor (A); nobody else is told they exist.
    "agenda:detail": logged_in(candidate_x=200, counsellor_a=200),
    "agenda:ics": logged_in(candidate_x=200, counsellor_a=200),
    "agenda:edit": logged_in(counsellor_a=200),
    "agenda:cancel": logged_in(counsellor_a=200),
    "agenda:feed": ALL_200,  # the token is the secret
    "accounts:avatar": logged_in(candidate_x=200, counsellor_a=200),
    "files:download": logged_in(candidate_x=200, counsellor_a=200),
    "files:delete": logged_in(candidate_x=200, counsellor_a=200),
    "dossiers:phase_answer": logged_in(candidate_x=200),
    "attestation_pdf": logged_in(candidate_x=200, counsellor_a=200, administrator=200),  # admin: Bilans › Attestations
    "files:candidate": logged_in(counsellor_a=200),
    "counsellor_candidate_export": logged_in(counsellor_a=200),
    "dossiers:candidate_edit": logged_in(counsellor_a=200),
    "dossiers:candidate": logged_in(counsellor_a=200),
    "dossiers:candidate_delete": logged_in(counsellor_a=200),
    "dossiers:candidate_close": logged_in(counsellor_a=200),
    "dossiers:phase_view": logged_in(counsellor_a=200),
    "dossiers:phase_edit": logged_in(counsellor_a=200),
    "dossiers:phase_erase": logged_in(counsellor_a=200),
    "attestations:detail": logged_in(counsellor_a=200),
    "attestations:edit": logged_in(counsellor_a=200),
    "attestations:delete": logged_in(counsellor_a=200),
    "synthesis_docx": logged_in(counsellor_a=200, administrator=200),
    "synthesis_pdf": logged_in(counsellor_a=200, administrator=200),
    "synthesis_published": logged_in(candidate_x=200, counsellor_a=200, administrator=200),
    "synthesis_version": logged_in(candidate_x=200, counsellor_a=200, administrator=200),
    "synthesis_publish": logged_in(counsellor_a=200),  # the document, and a confirmation
    "synthesis:edit": logged_in(counsellor_a=200, administrator=200),
    # The Wagtail admin: académie staff only; candidates and counsellors go back to their dashboard.
    "/admin/": logged_in(200, candidates="redirect", counsellors="redirect"),
    "/admin/pages/": logged_in(200, candidates="redirect", counsellors="redirect"),
    # Utilisateurs: the staff, for administrators; the candidates' data: administrators only, unknown to editors.
    "/admin/users/": logged_in(200, candidates="redirect", counsellors="redirect", editor="redirect"),
    "/admin/candidates/dossier/": logged_in(404, candidates="redirect", counsellors="redirect", administrator=200),
    "/admin/candidates/attestation/": logged_in(404, candidates="redirect", counsellors="redirect", administrator=200),
    "/admin/candidates/counsellor/": logged_in(404, candidates="redirect", counsellors="redirect", administrator=200),
    "/admin/journal/": logged_in(404, candidates="redirect", counsellors="redirect", administrator=200),
}

# URL name → the kwargs that point at X's object (w is the world fixture).
ARGS = {
    "accounts:password_reset_confirm": lambda w: {
        "uidb64": urlsafe_base64_encode(force_bytes(w.x.pk)),
        "token": "faux-jeton",
    },
    "agenda:detail": lambda w: {"pk": w.appointment.pk},
    "agenda:edit": lambda w: {"pk": w.appointment.pk},
    "agenda:cancel": lambda w: {"pk": w.appointment.pk},
    "agenda:ics": lambda w: {"pk": w.appointment.pk},
    "agenda:feed": lambda w: {"token": w.feed.token},
    "accounts:avatar": lambda w: {"pk": w.x.pk},
    "files:candidate": lambda w: {"pk": w.dossier.pk},
    "counsellor_candidate_export": lambda w: {"pk": w.dossier.pk},
    "files:download": lambda w: {"pk": w.private_file.pk},
    "files:delete": lambda w: {"pk": w.private_file.pk},
    "dossiers:phase_answer": lambda w: {"slug": w.phase.slug},
    "dossiers:phase_autosave": lambda w: {"slug": w.phase.slug},
    "dossiers:candidate_edit": lambda w: {"pk": w.dossier.pk},
    "dossiers:candidate": lambda w: {"pk": w.dossier.pk},
    "dossiers:candidate_delete": lambda w: {"pk": w.dossier.pk},
    "dossiers:candidate_close": lambda w: {"pk": w.dossier.pk},
    "dossiers:phase_view": lambda w: {"pk": w.dossier.pk, "slug": w.phase.slug},
    "dossiers:phase_edit": lambda w: {"pk": w.dossier.pk, "slug": w.phase.slug},
    "dossiers:phase_erase": lambda w: {"pk": w.dossier.pk, "slug": w.phase.slug},
    "attestations:detail": lambda w: {"pk": w.attestation.pk},
    "attestations:edit": lambda w: {"pk": w.attestation.pk},
    "attestations:delete": lambda w: {"pk": w.attestation.pk},
    "attestation_pdf": lambda w: {"pk": w.attestation.pk},
    "synthesis_docx": lambda w: {"pk": w.dossier.pk},
    "synthesis_pdf": lambda w: {"pk": w.dossier.pk},
    "synthesis_published": lambda w: {"pk": w.dossier.pk},
    "synthesis_publish": lambda w: {"pk": w.dossier.pk},
    "synthesis_version": lambda w: {"pk": w.dossier.pk, "number": 1, "file_format": "docx"},
    "synthesis:sharing_revoke": lambda w: {"pk": w.consent.pk},
    "synthesis:edit": lambda w: {"pk": w.dossier.pk},
    "synthesis:autosave": lambda w: {"pk": w.dossier.pk},
    "alerts:remind": lambda w: {"pk": w.dossier.pk},
    "explore:fiche": lambda w: {"code": w.fiche.code},
    "orientation:restore": lambda w: {"code": w.fiche.code},
}


def _app_patterns(resolver, apps_urlconf=False, namespace=""):
    """(name, pattern) of every named URL of the apps: declared in an app's urls module, or whose
    view lives in one of the apps. Names are namespaced as `reverse` wants them ("agenda:week")."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver) and str(entry.pattern) == "admin/":
            continue  # the Wagtail admin: ADMIN_PATHS here, its screens in tests/test_admin_*.py
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_module, "__name__", "")
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _app_patterns(entry, module.startswith(APPS), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            callback_module = getattr(entry.callback, "__module__", "") or ""
            if apps_urlconf or callback_module.startswith(APPS):
                yield f"{namespace}{entry.name}", entry


def project_urls() -> dict:
    return dict(_app_patterns(get_resolver()))


def outcome(response) -> object:
    if response.status_code == 302:
        return "login" if response.url.startswith(reverse(settings.LOGIN_URL)) else "redirect"
    return response.status_code


class World:
    pass


@pytest.fixture
def world(phases, editor, administrator):
    w = World()
    w.counsellor_a = CounsellorFactory()
    w.counsellor_b = CounsellorFactory()
    w.x = CandidateFactory(dossier__counsellor=w.counsellor_a)
    w.y = CandidateFactory(dossier__counsellor=w.counsellor_b)
    w.editor, w.administrator = editor, administrator
    w.dossier = w.x.dossier
    w.dossier.phases.set(phases[:3])
    w.y.dossier.phases.set(phases[3:5])  # not X's phase: its slug must not open anything for Y
    w.phase = phases[0]
    PhaseResponse.objects.create(candidate=w.x, phase=w.phase, status=PhaseResponse.Status.DONE, answers={}, version=1)
    w.attestation = attestation_services.attestation_create(
        counsellor=w.counsellor_a,
        dossier=w.dossier,
        start=datetime.datetime(2026, 10, 5, 9, tzinfo=PARIS),
        end=datetime.datetime(2026, 10, 5, 12, tzinfo=PARIS),
    )
    w.synthesis = synthesis_services.synthesis_publish(
        actor=w.counsellor_a,
        dossier=w.dossier,
        docx=b"PK\x03\x04 synthese",
        pdf=b"%PDF synthese",
        empty_confirmed=True,
        absolute_url="http://testserver{}".format,
    ).synthesis
    w.consent = synthesis_services.sharing_consent_give(actor=w.x, dossier=w.dossier, recipient="Employeur")
    start = datetime.datetime(2026, 3, 31, 9, tzinfo=PARIS)
    w.appointment = agenda_services.appointment_create(
        counsellor=w.counsellor_a,
        dossier=w.dossier,
        start=start,
        end=start + datetime.timedelta(hours=1),
        modality="presentiel",
        meeting_link="",
        place="",
        subject="Entretien de suivi",
        phase=None,
        notes="",
    )
    w.private_file = file_services.file_upload(
        owner=w.x, uploaded_by=w.x, uploaded=SimpleUploadedFile("cv.pdf", PDF_BYTES, "application/pdf")
    )
    w.feed = agenda_services.calendar_feed_token(user=w.x)
    w.fiche = Fiche.objects.create(
        code="J1501", code_ogr="1", label="Aide-soignant", last_seen_version=460, search_text=" aide soignant "
    )
    w.x.avatar.save("x.jpg", ContentFile(image_bytes()))
    due = datetime.date(2026, 3, 31)  # past: the follow-up's day has come
    FollowUp.objects.create(dossier=w.dossier, dabm=w.dossier.dabm, counsellor=w.counsellor_a, due_on=due)
    satisfaction_services.satisfaction_schedule(dossier=w.dossier)
    w.actors = {
        "anonymous": None,
        "candidate_x": w.x,
        "candidate_y": w.y,
        "counsellor_a": w.counsellor_a,
        "counsellor_b": w.counsellor_b,
        "editor": editor,
        "administrator": administrator,
    }
    yield w
    for stored in [
        *(f.file for f in PrivateFile.objects.all()),
        *(stored for s in Synthesis.objects.all() for stored in s.stored_files()),
    ]:
        if stored:
            stored.storage.delete(stored.name)
    w.x.refresh_from_db()
    if w.x.avatar:
        w.x.avatar.storage.delete(w.x.avatar.name)


def test_every_url_has_an_entry_in_the_table():
    names = set(project_urls())
    missing = sorted(names - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - names - set(ADMIN_PATHS))
    assert not missing, "URLs without expected outcomes: " + ", ".join(f"add {name} to EXPECTED" for name in missing)
    assert not stale, f"EXPECTED entries for URLs that no longer exist (remove them): {', '.join(stale)}"
    assert not (ARGS.keys() - names), f"ARGS entries for URLs that no longer exist: {sorted(ARGS.keys() - names)}"


def test_the_table_is_complete():
    for name, line in EXPECTED.items():
        assert set(line) == set(ROLES), name
        assert set(line.values()) <= {200, "login", "redirect", 403, 404, 405}, name


def test_authorization_matrix(client, world):
    urls = project_urls()
    targets = {path: path for path in ADMIN_PATHS}
    for name in urls:
        kwargs = ARGS[name](world) if name in ARGS else {}
        targets[name] = reverse(name, kwargs=kwargs)
    mismatches = []
    for role, user in world.actors.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, url in sorted(targets.items()):
            if name not in EXPECTED:
                continue  # reported by test_every_url_has_an_entry_in_the_table
            got = outcome(client.get(url))
            if got != EXPECTED[name][role]:
                mismatches.append((name, role, EXPECTED[name][role], got, url))
    table = "\n".join(f"{n:<30} {r:<14} expected {e!s:<9} got {g!s:<9} {u}" for n, r, e, g, u in mismatches)
    assert not mismatches, f"{len(mismatches)} mismatches:\n{table}"


def test_a_method_a_view_does_not_handle_is_405(client, world):
    """PUT and DELETE are answered 405 everywhere, before anything else is checked, by the portal's
    views and by Django's (whose form views treat PUT as POST, so only DELETE is asked of them)."""
    for name, pattern in sorted(project_urls().items()):
        url = reverse(name, kwargs=ARGS[name](world) if name in ARGS else {})
        methods = ("PUT", "DELETE") if pattern.callback.__module__.startswith(APPS) else ("DELETE",)
        for method in methods:
            assert client.generic(method, url).status_code == 405, f"{method} {name}"
