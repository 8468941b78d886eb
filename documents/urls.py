from django.urls import path

from . import views

urlpatterns = [
    path("telechargements/attestations/<int:pk>/", views.attestation_download, name="attestation_pdf"),
    path("conseiller/attestations/apercu/", views.attestation_preview, name="attestation_preview"),
    path("telechargements/syntheses/<int:pk>/synthese.docx", views.synthesis_docx, name="synthesis_docx"),
    path("telechargements/syntheses/<int:pk>/synthese.pdf", views.synthesis_pdf, name="synthesis_pdf"),
    path("telechargements/syntheses/<int:pk>/publiee.docx", views.synthesis_published, name="synthesis_published"),
    path("conseiller/candidats/<int:pk>/synthese/publier/", views.synthesis_publish, name="synthesis_publish"),
]
