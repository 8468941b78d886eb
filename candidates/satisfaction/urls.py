from django.urls import path

from . import views

app_name = "satisfaction"

urlpatterns = [
    path("mon-bilan/appreciation/", views.satisfaction_answer, name="answer"),
    path("conseiller/appreciations/", views.counsellor_results, name="results"),
]
