from .views import plan, programme, review

app_name = "reviews"
urlpatterns = [
    *programme.urlpatterns,
    *review.urlpatterns,
    *plan.urlpatterns,
]
