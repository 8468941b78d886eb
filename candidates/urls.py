from django.urls import include, path

urlpatterns = [
    path("", include("candidates.accounts.urls")),
    path("", include("candidates.agenda.urls")),
    path("", include("candidates.synthesis.urls")),
    path("", include("candidates.orientation.urls")),
    path("", include("candidates.files.urls")),
    path("", include("candidates.dossiers.urls")),
    path("", include("candidates.attestations.urls")),
    path("", include("candidates.explore.urls")),
    path("", include("candidates.followup.urls")),
    path("", include("candidates.satisfaction.urls")),
    path("", include("candidates.alerts.urls")),
]
