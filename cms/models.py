"""The public site: a home page, sectors, and a page for each public service."""

import uuid

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from forms.blocks import FormStepsBlock
from forms.builder import FormBuilder
from forms.schema import form_schema_from_stream
from portal.applications.services import application_submit


class HomePage(Page):
    """The portal's front page: what it offers and where to start."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["cms.SectorPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = self.get_children().live().public().specific().order_by("title")
        return context


class SectorPage(Page):
    """A group of services of one sector, such as tourism or construction."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ServicePage"]

    class Meta:
        verbose_name = _("sector")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).live().public().order_by("title")
        return context


class ServicePage(RoutablePageMixin, Page):
    """One public service: what it is, who may apply, and its online application form."""

    summary = models.TextField(_("what the service is"))
    who_can_apply = models.TextField(_("who can apply"), blank=True)
    service_standard_days = models.PositiveSmallIntegerField(
        _("service standard (working days)"), null=True, blank=True
    )
    application_form = StreamField(
        FormStepsBlock(),
        blank=True,
        verbose_name=_("application form"),
        help_text=_("The steps and fields applicants fill in online. Empty: no online form."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("who_can_apply"),
        FieldPanel("service_standard_days"),
        FieldPanel("application_form"),
    ]
    parent_page_types = ["cms.SectorPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")

    @property
    def accepts_online_applications(self) -> bool:
        return bool(self.application_form)

    def form_schema(self) -> dict:
        return form_schema_from_stream(self.application_form)

    @path("")
    def service(self, request):
        return self.render(request)

    @path("apply/")
    def apply(self, request):
        """The application form. Applicants sign in first."""
        if not self.accepts_online_applications:
            return redirect(self.url)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        schema = self.form_schema()
        form_class = FormBuilder(schema).get_form_class()
        if request.method == "POST":
            form = form_class(request.POST, request.FILES)
            token = _submission_token(request.POST.get("submission_token"))
            if form.is_valid() and token:
                application = application_submit(
                    applicant=request.user,
                    service_page_id=self.pk,
                    service_title=self.title,
                    form_schema=schema,
                    answers=form.answers(),
                    documents=form.documents(),
                    submission_token=token,
                    language=get_language(),
                )
                return redirect("tracking:application_detail", reference=application.reference)
        else:
            form = form_class()
            token = uuid.uuid4()
        return render(
            request,
            "cms/service_apply.html",
            {
                "page": self,
                "form": form,
                "steps": _steps_with_fields(schema, form),
                "submission_token": token or uuid.uuid4(),
            },
        )


def _submission_token(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def _steps_with_fields(schema: dict, form) -> list[dict]:
    """The schema's steps with their bound fields, to render each step as a fieldset."""
    return [
        {
            "title": step["title"],
            "intro": step["intro"],
            "fields": [form[field["name"]] for field in step["fields"]],
        }
        for step in schema["steps"]
    ]
