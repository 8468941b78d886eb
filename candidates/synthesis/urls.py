from django.urls import path

from . import drafting, views

app_name = "synthesis"

urlpatterns = [
    path("mon-compte/ma-synthese/", views.my_synthesis, name="mine"),
    path("mon-compte/ma-synthese/accords/", views.sharing_give, name="sharing_give"),
    path("mon-compte/ma-synthese/accords/<int:pk>/retirer/", views.sharing_revoke, name="sharing_revoke"),
    path("conseiller/candidats/<int:pk>/synthese/", drafting.synthesis_edit, name="edit"),
    path("conseiller/candidats/<int:pk>/synthese/brouillon/", drafting.synthesis_autosave, name="autosave"),
]
