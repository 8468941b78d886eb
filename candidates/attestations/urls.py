from django.urls import path

from . import views

app_name = "attestations"

urlpatterns = [
    path("conseiller/attestations/", views.attestation_list, name="list"),
    path("conseiller/attestations/ajouter/", views.attestation_add, name="add"),
    path("conseiller/attestations/<int:pk>/", views.attestation_detail, name="detail"),
    path("conseiller/attestations/<int:pk>/modifier/", views.attestation_edit, name="edit"),
    path("conseiller/attestations/<int:pk>/supprimer/", views.attestation_delete, name="delete"),
]
