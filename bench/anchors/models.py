from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.models import Page


class StockHomePage(Page):
    """The home page of a new project of `wagtail start`, as it comes."""

    template = "anchors/stock_home_page.html"


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractForm):
    """Wagtail's own form page: its fields defined by editors, each submission stored."""

    template = "anchors/form_page.html"
    landing_page_template = "anchors/form_page_landing.html"
    intro = models.TextField(blank=True)

    content_panels = [*AbstractForm.content_panels, FieldPanel("intro"), InlinePanel("form_fields")]
