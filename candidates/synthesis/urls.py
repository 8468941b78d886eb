from django.urls import path

from . import views

app_name = "synthesis"

urlpatterns = [
    path("mon-compte/ma-synthese/", views.my_synthesis, name="mine"),
]
