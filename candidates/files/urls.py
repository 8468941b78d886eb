from django.urls import path

from . import views

app_name = "files"

urlpatterns = [
    path("mon-compte/fichiers/", views.my_files, name="mine"),
    path("conseiller/candidats/<int:pk>/fichiers/", views.candidate_files, name="candidate"),
    path("fichiers/<int:pk>/", views.file_download, name="download"),
    path("fichiers/<int:pk>/supprimer/", views.file_delete, name="delete"),
]
