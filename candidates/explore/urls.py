from django.urls import path, register_converter

from . import views

app_name = "explore"


class RomeCode:
    """A fiche's code: a letter and four digits (K2111)."""

    regex = "[A-Z][0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RomeCode, "rome")

urlpatterns = [
    path("metiers/", views.search, name="search"),
    path("metiers/recherche.json", views.lookup, name="lookup"),
    path("metiers/<rome:code>/", views.fiche, name="fiche"),
]
