from django.urls import path

from . import views

app_name = "payments"
# Outside the language prefix: gateways call them.
urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]

# Pages the payer reads, under the language prefix (see portal/urls.py).
checkout_urlpatterns = [
    path("demo/<uuid:payment_id>/", views.demo_checkout, name="demo_checkout"),
    path("qr/<uuid:payment_id>/", views.qr_checkout, name="qr_checkout"),
    path("qr/<uuid:payment_id>/status/", views.qr_status, name="qr_status"),
    path("qr/<uuid:payment_id>/code.png", views.qr_image, name="qr_image"),
]
