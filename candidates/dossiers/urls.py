from django.urls import path

from . import views

app_name = "dossiers"

urlpatterns = [
    path("mon-bilan/phases/<slug:slug>/", views.phase_answer, name="phase_answer"),
    path("mon-bilan/phases/<slug:slug>/autosave/", views.phase_autosave, name="phase_autosave"),
    path("conseiller/candidats/ajouter/", views.candidate_add, name="candidate_add"),
    path("conseiller/candidats/<int:pk>/modifier/", views.candidate_edit, name="candidate_edit"),
    path("conseiller/candidats/<int:pk>/", views.candidate_account, name="candidate"),
    path("conseiller/candidats/<int:pk>/clore/", views.candidate_close, name="candidate_close"),
    path("conseiller/candidats/<int:pk>/supprimer/", views.candidate_delete, name="candidate_delete"),
    path("conseiller/candidats/<int:pk>/phases/<slug:slug>/", views.phase_view, name="phase_view"),
    path("conseiller/candidats/<int:pk>/phases/<slug:slug>/modifier/", views.phase_edit, name="phase_edit"),
    path("conseiller/candidats/<int:pk>/phases/<slug:slug>/supprimer/", views.phase_erase, name="phase_erase"),
]
