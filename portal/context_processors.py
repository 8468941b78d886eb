"""Template context shared by the whole portal."""

from django.utils.functional import SimpleLazyObject

from candidates import portal_settings


def site_config(request):
    """`SITE_CONFIG`, read by django-dsfr's header, footer and base template: the portal's Paramètres
    (`candidates.portal_settings.SiteIdentity`), in place of django-dsfr's own `DsfrConfig` and its context
    processor. Read when a template first uses it, from the settings object cached on the request (loaded
    once per request, whoever asks first: the header, the support page, an e-mail)."""
    return {"SITE_CONFIG": SimpleLazyObject(lambda: portal_settings.site_identity(request))}


def csp_nonce(request):
    """Draw this request's CSP nonce before the templates need it.

    django-csp's `request.csp_nonce` is lazy and counts as false until read, so django-dsfr's
    `{% dsfr_js nonce=request.csp_nonce %}` would drop the nonce; reading it here fixes that.
    """
    nonce = getattr(request, "csp_nonce", None)
    return {"CSP_NONCE": str(nonce) if nonce is not None else ""}
