from django.urls import path

from . import views

urlpatterns = [
    path("telechargements/attestations/<int:pk>/", views.attestation_download, name="attestation_pdf"),
    path("conseiller/attestations/apercu/", views.attestation_preview, name="attestation_preview"),
]
