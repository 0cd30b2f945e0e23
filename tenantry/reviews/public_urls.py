from .views import public

app_name = "improvement-plan"
urlpatterns = public.urlpatterns
