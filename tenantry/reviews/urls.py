from .views import programme, review

app_name = "reviews"
urlpatterns = [
    *programme.urlpatterns,
    *review.urlpatterns,
]
