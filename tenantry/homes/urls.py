from django.urls import path

from . import views

app_name = "homes"
urlpatterns = [
    path("estates/", views.estates, name="estates"),
    path("estates/<int:pk>/", views.estate, name="estate"),
    path("homes/<int:pk>/", views.home, name="home"),
    path("agreements/<int:pk>/homes/", views.coverage, name="coverage"),
]
