"""*Explorer un métier*: search the ROME fiches, read one; the combobox's JSON lookup."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from skills.fiches import fiche_detail

from .. import access
from ..access import explore_required
from ..navigation import explore_trail, here, trail
from . import selectors
from .forms import JobSearchForm


@require_GET
@explore_required
def search(request):
    form = JobSearchForm(request.GET)
    query = form.query().strip()
    results, truncated = selectors.job_search(query) if query else ([], False)
    context = {
        "form": form,
        "typed": form["q"].value() or "",
        "query": query,
        "results": results,
        "truncated": truncated,
        "limit": selectors.SEARCH_LIMIT,
        "lookup_url": reverse("explore:lookup") + "?liste=" + selectors.METIERS,
        "rome_version": selectors.rome_version(),
        "breadcrumb": trail(here(_("Explorer un métier"))),
    }
    return render(request, "candidates/explore/search.html", context, status=400 if form.errors else 200)


@require_GET
@explore_required
def fiche(request, code: str):
    detail = fiche_detail(code)
    if detail is None:
        raise Http404
    context = {
        "detail": detail,
        "fiche": detail.fiche,
        "rome_version": selectors.rome_version(),
        # « Ajouter à mes métiers envisagés »: a candidate's, for a fiche the référentiel still has.
        "can_envisage": access.has_own_bilan(request.user) and not detail.fiche.is_retired and bool(detail.titles),
        "breadcrumb": explore_trail(here(f"{detail.fiche.label} ({detail.fiche.code})")),
    }
    return render(request, "candidates/explore/fiche.html", context)


@require_GET
@explore_required
def lookup(request):
    """`?liste=metiers|competences&q=…`: at most 10 options for the combobox (static/js/rome-combobox.js)."""
    liste = request.GET.get("liste", selectors.METIERS)
    if liste not in selectors.LISTES:
        message = _("Liste inconnue : « liste » vaut « metiers » ou « competences ».")
        response = JsonResponse({"results": [], "count": 0, "message": message}, status=400)
    else:
        form = JobSearchForm(request.GET)
        results = selectors.lookup(liste, form.query())
        message = form.error() or selectors.count_message(len(results))
        response = JsonResponse({"results": results, "count": len(results), "message": message})
    patch_cache_control(response, private=True)
    return response
