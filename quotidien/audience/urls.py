from django.urls import path

from . import beacon

urlpatterns = [
    path("audience/lu/<str:token>/", beacon.viewed, name="audience-beacon"),
]
