from django.urls import path

from . import archive_views, views

urlpatterns = [
    path("telechargements/attestations/<int:pk>/", views.attestation_download, name="attestation_pdf"),
    path("conseiller/attestations/apercu/", views.attestation_preview, name="attestation_preview"),
    path("telechargements/syntheses/<int:pk>/synthese.docx", views.synthesis_docx, name="synthesis_docx"),
    path("telechargements/syntheses/<int:pk>/synthese.pdf", views.synthesis_pdf, name="synthesis_pdf"),
    path("telechargements/syntheses/<int:pk>/publiee.docx", views.synthesis_published, name="synthesis_published"),
    path(
        "telechargements/syntheses/<int:pk>/versions/<int:number>/synthese.<str:file_format>",
        views.synthesis_version,
        name="synthesis_version",
    ),
    path("conseiller/candidats/<int:pk>/synthese/publier/", views.synthesis_publish, name="synthesis_publish"),
    path("mon-compte/mes-donnees/", archive_views.my_data, name="my_data"),
    path("mon-compte/mes-donnees/telecharger/", archive_views.my_data_download, name="my_data_download"),
    path(
        "conseiller/candidats/<int:pk>/donnees/telecharger/",
        archive_views.candidate_data_download,
        name="counsellor_candidate_export",
    ),
]
