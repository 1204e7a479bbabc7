from django.apps import AppConfig


class AnchorsConfig(AppConfig):
    name = "bench.anchors"
    label = "bench_anchors"
    default_auto_field = "django.db.models.BigAutoField"
