from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [path("mon-bilan/suivi/", views.followup_answer, name="answer")]
