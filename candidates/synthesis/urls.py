from django.urls import path

from . import views

app_name = "synthesis"

urlpatterns = [
    path("mon-compte/ma-synthese/", views.my_synthesis, name="mine"),
    path("mon-compte/ma-synthese/accords/", views.sharing_give, name="sharing_give"),
    path("mon-compte/ma-synthese/accords/<int:pk>/retirer/", views.sharing_revoke, name="sharing_revoke"),
]
