from .views import inspection, plan, programme, review

app_name = "reviews"
urlpatterns = [
    *programme.urlpatterns,
    *review.urlpatterns,
    *plan.urlpatterns,
    *inspection.urlpatterns,
]
