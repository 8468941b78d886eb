"""Every state-changing request needs the CSRF token: a POST without it is refused (403) on every
URL of the portal, for the people who could otherwise use it, and changes nothing."""

from django.test import Client
from django.urls import reverse

from candidates.models import Appointment, Attestation, Comment, Dossier, PhaseResponse, PrivateFile, User

from .test_authorization_matrix import ARGS, project_urls, world  # noqa: F401 - the fixture

MODELS = (User, Dossier, PhaseResponse, Comment, Attestation, Appointment, PrivateFile)


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at" if hasattr(model, "updated_at") else "pk"))
        for model in MODELS
    }


def test_every_post_without_a_token_is_refused(world):  # noqa: F811 - pytest fixture
    before = snapshot()
    refused = []
    for actor in (world.x, world.counsellor_a, world.administrator):
        client = Client(enforce_csrf_checks=True)
        client.force_login(actor)
        for name in project_urls():
            url = reverse(name, kwargs=ARGS[name](world) if name in ARGS else {})
            response = client.post(url, {"confirm": "on", "action": "save", "version": "1", "comment": "x"})
            if response.status_code != 403:
                refused.append(f"{name} as {actor.username}: {response.status_code}")
    assert refused == [], "POST accepted without a CSRF token:\n" + "\n".join(refused)
    assert snapshot() == before


def test_the_same_post_with_the_token_goes_through(world):  # noqa: F811 - pytest fixture
    """The control: the refusal above is the CSRF check, not something else."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.x)
    client.get(reverse("accounts:account"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("accounts:account"), {"notify_comments": ""}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    world.x.refresh_from_db()
    assert world.x.notify_comments is False
