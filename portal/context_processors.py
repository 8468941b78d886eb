"""Template context shared by the whole portal."""


def csp_nonce(request):
    """Draw this request's CSP nonce before the templates need it.

    django-csp's `request.csp_nonce` is lazy and counts as false until read, so django-dsfr's
    `{% dsfr_js nonce=request.csp_nonce %}` would drop the nonce; reading it here fixes that.
    """
    nonce = getattr(request, "csp_nonce", None)
    return {"CSP_NONCE": str(nonce) if nonce is not None else ""}
