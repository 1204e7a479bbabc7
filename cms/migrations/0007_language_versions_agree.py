"""Every language version of a service takes its source page's fee rule (in its own words),
service fields and responsible offices, as publishing does from now on (cms.translations)."""

from django.conf import settings
from django.db import migrations
from django.db.models import Count

from cms.translations import fee_in_words_of  # pure: raw stream data in, raw stream data out

FIELDS = (
    "fee_currency",
    "fee_due",
    "pay_online",
    "pay_at_counter",
    "service_standard_days",
    "channels",
    "allow_guests",
    "workflow_id",
)


def agree(apps, schema_editor):
    ServicePage = apps.get_model("cms", "ServicePage")
    ServicePageOffice = apps.get_model("cms", "ServicePageOffice")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    keys = (
        ServicePage.objects.order_by()
        .values("translation_key")
        .annotate(versions=Count("pk"))
        .filter(versions__gt=1)
        .values_list("translation_key", flat=True)
    )
    for key in keys:
        pages = list(ServicePage.objects.filter(translation_key=key).order_by("pk"))
        source = next((page for page in pages if default and page.locale_id == default.pk), None)
        source = source or pages[0]
        offices = list(
            ServicePageOffice.objects.filter(page_id=source.pk)
            .order_by("sort_order")
            .values_list("office_id", "sort_order")
        )
        for page in pages:
            if page.pk == source.pk:
                continue
            for name in FIELDS:
                setattr(page, name, getattr(source, name))
            page.fee = fee_in_words_of(
                list(source.fee.get_prep_value()), list(page.fee.get_prep_value())
            )
            page.save(update_fields=[name.removesuffix("_id") for name in FIELDS] + ["fee"])
            ServicePageOffice.objects.filter(page_id=page.pk).delete()
            ServicePageOffice.objects.bulk_create(
                ServicePageOffice(page_id=page.pk, office_id=office_id, sort_order=order)
                for office_id, order in offices
            )


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_service_workflow")]

    operations = [migrations.RunPython(agree, migrations.RunPython.noop)]
