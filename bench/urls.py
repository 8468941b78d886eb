"""The portal's URLs plus the floor views of the benchmark (bench/run.py): the cost of a logged-in
request through the same middleware, doing nothing else. Only `bench.settings` uses this URLconf."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    """Middleware, session and user, and an empty response."""
    return HttpResponse("plancher")


@login_required
def floor_layout(request):
    """The same, rendering the portal's layout (header, menu, footer) around an empty page."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/plancher/", floor, name="bench_floor"),
    path("bench/plancher-gabarit/", floor_layout, name="bench_floor_layout"),
    path("", include("portal.urls")),
]
