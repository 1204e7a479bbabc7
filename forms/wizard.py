"""The application wizard: one URL per step, a draft saved at every step, check your answers,
a declaration, and a submission that happens exactly once.

The service page is passed in (``page``); this module never imports the CMS. What it needs of
the page: ``pk``, ``title``, ``form_schema()``, ``form_snapshot()``, ``fee_snapshot()``,
``service_standard_days``, ``responsible_office_id``, ``url`` and ``reverse_subpage()``.
"""

import json
import logging
import threading
from dataclasses import replace

from django import forms as django_forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from portal.applications.answers import answer_display
from portal.applications.models import Application, Document
from portal.applications.selectors import (
    application_draft_get,
    application_get_for_applicant,
    companies_for_applicant,
    company_documents_for_applicant,
)
from portal.applications.services import (
    DraftGone,
    StaleApplication,
    application_draft_save,
    application_draft_start,
    application_submit,
)
from portal.core.uploads import UPLOAD_KINDS, upload_mark_scanned

from .builder import ApplicationForm, DocumentField, FormBuilder
from .drafts import DraftStorage, wizard_file_storage
from .schema import condition_met, form_schema_key

logger = logging.getLogger(__name__)

APPLICANT_STEP = "applicant"
CHECK_STEP = "check"
MYSELF = "myself"
# The name of the choice, beside an upload field, of a company document to attach instead.
COMPANY_DOCUMENT_SUFFIX = "--company-document"


class SubmissionFailed(Exception):
    """Submitting failed and nothing was stored; the draft is intact."""


def schema_step_name(index: int) -> str:
    return f"step-{index + 1}"


class OnBehalfForm(django_forms.Form):
    """Who the application is for: the applicant, or a company they belong to."""

    on_behalf_of = django_forms.ChoiceField(
        label=gettext_lazy("Who are you applying for?"),
        widget=django_forms.RadioSelect,
        error_messages={"required": gettext_lazy("Select who you are applying for.")},
    )

    def __init__(self, *args, companies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of"].choices = [
            (MYSELF, _("Myself")),
            *[(str(company.pk), company.name) for company in companies],
        ]


class DeclarationForm(django_forms.Form):
    declaration = django_forms.BooleanField(
        label=gettext_lazy(
            "I declare that the information I have given is true and complete, and that the "
            "documents I have uploaded are genuine."
        ),
        error_messages={
            "required": gettext_lazy("Confirm the declaration to submit your application.")
        },
    )


# The forms of each schema, built once per language (their messages are in it): building the
# form classes from the schema costs more than the rest of a form step. Bounded.
_BUILT: dict[tuple[str, str], tuple[list, dict]] = {}
_BUILT_KEPT = 256
_built_lock = threading.Lock()


def _steps_built(schema: dict, schema_key: str | None = None) -> tuple[list, dict]:
    """The wizard's ``form_list`` and ``condition_dict`` for ``schema`` (read from the form
    content whose ``form_schema_key`` is ``schema_key``, when known)."""
    key = (schema_key or json.dumps(schema, sort_keys=True, default=str), get_language())
    built = _BUILT.get(key)
    if built is not None:
        return list(built[0]), dict(built[1])
    builder = FormBuilder(schema)
    form_list = [(APPLICANT_STEP, OnBehalfForm)]
    condition_dict = {APPLICANT_STEP: lambda wizard: bool(wizard.companies)}
    for index, step in enumerate(schema["steps"]):
        name = schema_step_name(index)
        form_list.append((name, builder.get_form_class(index)))
        if (step.get("condition") or {}).get("field"):
            condition_dict[name] = lambda wizard, name=name: name in wizard.shown_steps()[0]
    form_list.append((CHECK_STEP, DeclarationForm))
    with _built_lock:
        if len(_BUILT) >= _BUILT_KEPT:
            _BUILT.clear()
        _BUILT[key] = (form_list, condition_dict)
    return list(form_list), dict(condition_dict)


class ApplicationWizard(NamedUrlWizardView):
    """The steps of a service's application form, then "check your answers"."""

    page = None
    url_name = "apply_step"
    new_files: dict = {}  # this POST's files: uploads, and company documents chosen instead
    company_sources: dict = {}  # upload key -> the company whose document it is

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.new_files, self.company_sources = {}, {}

    @property
    def file_storage(self):
        return wizard_file_storage()

    @classmethod
    def for_page(cls, page):
        """The view for a service page: its schema's steps, and the conditions on them."""
        schema = page.form_schema()
        form_list, condition_dict = _steps_built(schema, form_schema_key(page.application_form))
        return cls.as_view(
            form_list=form_list,
            condition_dict=condition_dict,
            url_name=cls.url_name,
            page=page,
            schema=schema,
        )

    schema = None

    # --- Storage on the draft -------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        self.prefix = f"service-{self.page.pk}"
        self.draft = application_draft_get(
            applicant=request.user, service_page_ids=self.page.translation_page_ids()
        )
        self.submitted = None
        self.storage = DraftStorage(
            self.prefix,
            request,
            self.file_storage,
            initial=self.draft.wizard_state if self.draft else None,
        )
        self.steps = StepsHelper(self)
        # formtools' own dispatch would make a session storage; ours is set above.
        try:
            response = TemplateView.dispatch(self, request, *args, **kwargs)
            self.storage.update_response(response)
            self._keep_draft()
        finally:
            for file in self.new_files.values():
                file.close()
        return response

    def _keep_draft(self) -> None:
        """Write the wizard's state to the draft when the answers changed, starting the draft
        at the first answered step."""
        if self.submitted or not self.storage.changed:
            return
        state = self.storage.data
        if self.draft is None:
            if not state[DraftStorage.step_data_key] and not any(
                state[DraftStorage.step_files_key].values()
            ):
                return
            self.draft = application_draft_start(
                applicant=self.request.user,
                service_page_id=self.page.pk,
                service_title=self.page.title,
                language=get_language(),
            )
        application_draft_save(application=self.draft, wizard_state=state, language=get_language())

    @cached_property
    def companies(self) -> list:
        return list(companies_for_applicant(user=self.request.user))

    @cached_property
    def company(self):
        """The company the application is for, if the applicant chose one."""
        chosen = str(self.storage.extra_data.get("on_behalf_of") or "")
        return next((company for company in self.companies if str(company.pk) == chosen), None)

    @cached_property
    def company_documents(self) -> list:
        """The documents of the company applied for, to attach without uploading again."""
        if self.company is None:
            return []
        return company_documents_for_applicant(user=self.request.user, company_id=self.company.pk)

    def _company_document_choices(self, form) -> dict[str, list]:
        """Per upload field of the form: the company's documents it takes (what the document
        is, its file type and size). A field that names no document type takes none: only
        the editor knows which document answers it."""
        choices = {}
        for name, field in form.fields.items():
            if isinstance(field, DocumentField):
                fitting = self._fitting_company_documents(field)
                if fitting:
                    choices[name] = fitting
        return choices

    def _fitting_company_documents(self, field: DocumentField) -> list:
        types = {UPLOAD_KINDS[key].content_type for key in field.accepted}
        return [
            document
            for document in self.company_documents
            if document.kind in field.document_types
            and document.content_type in types
            and document.size <= field.max_bytes
        ]

    def _chosen_company_documents(self, step: str) -> dict:
        """The company documents chosen in this POST for the step's upload fields that got no
        upload, opened as files for them."""
        form_class = self.get_form_list().get(step)
        files = {}
        for name, field in getattr(form_class, "base_fields", {}).items():
            key = f"{step}-{name}"
            chosen = self.request.POST.get(key + COMPANY_DOCUMENT_SUFFIX, "")
            if not isinstance(field, DocumentField) or not chosen or key in self.request.FILES:
                continue
            # Only a document this field offers: never one of another type, sent all the same.
            by_id = {
                str(document.pk): document for document in self._fitting_company_documents(field)
            }
            if chosen in by_id:
                document = by_id[chosen]
                # Scanned when the company uploaded it.
                files[key] = upload_mark_scanned(
                    UploadedFile(
                        file=document.file.open("rb"),
                        name=document.original_name,
                        content_type=document.content_type,
                        size=document.size,
                    )
                )
                self.company_sources[key] = document.company_id
        return files

    def _forget_other_companies_documents(self, company_id: str) -> None:
        """Applying for someone else now: files attached from another company's documents
        are dropped (their steps ask for a file again)."""
        sources = self.storage.extra_data.get("company_files", {})
        for step, step_files in self.storage.data[DraftStorage.step_files_key].items():
            for key in list(step_files):
                source = sources.get(step, {}).get(key)
                if source is not None and str(source) != company_id:
                    self.storage.forget_file(step_files, key)
                    del sources[step][key]

    # --- Steps ----------------------------------------------------------------------------

    def get_step_url(self, step):
        return self.page.get_url(self.request) + self.page.reverse_subpage(
            "apply_step", kwargs={"step": step}
        )

    def shown_steps(self) -> tuple[set, dict]:
        """The schema steps shown with the answers stored so far, and those answers."""
        stored = self.storage.extra_data.get("answers", {})
        known: dict = {}
        shown = set()
        for index, step in enumerate(self.schema["steps"]):
            name = schema_step_name(index)
            if condition_met(step.get("condition"), known):
                shown.add(name)
                known.update(stored.get(name, {}))
        return shown, known

    def _known_before(self, step: str) -> dict:
        stored = self.storage.extra_data.get("answers", {})
        shown, _known = self.shown_steps()
        known: dict = {}
        for index in range(len(self.schema["steps"])):
            name = schema_step_name(index)
            if name == step:
                break
            if name in shown:
                known.update(stored.get(name, {}))
        return known

    def get_form_kwargs(self, step=None):
        if step == APPLICANT_STEP:
            return {"companies": self.companies}
        if step == CHECK_STEP:
            return {}
        return {"known": self._known_before(step)}

    def get_form(self, step=None, data=None, files=None):
        # A file chosen earlier counts as given when the step is sent again without a new one;
        # a company document chosen instead of an upload counts as a new file; an upload wins.
        if files is self.request.FILES and step in (None, self.steps.current):
            stored = self.storage.get_step_files(self.steps.current) or {}
            self.new_files = {
                **self._chosen_company_documents(self.steps.current),
                **dict(self.request.FILES.items()),
            }
            files = {**stored, **self.new_files}
        form = super().get_form(step, data, files)
        if self.company is not None:
            for name in self._company_document_choices(form):
                field = form.fields[name]
                field.error_messages["required"] = _(
                    "Choose a file for “%(label)s”, or one of the documents %(company)s keeps."
                ) % {"label": field.label, "company": self.company.name}
        return form

    def process_step(self, form):
        if isinstance(form, ApplicationForm):
            answers = self.storage.extra_data.setdefault("answers", {})
            answers[self.steps.current] = form.answers()
        elif isinstance(form, OnBehalfForm):
            chosen = form.cleaned_data["on_behalf_of"]
            if chosen != self.storage.extra_data.get("on_behalf_of"):
                self._forget_other_companies_documents(chosen)
            self.storage.extra_data["on_behalf_of"] = chosen
        return super().process_step(form)

    def process_step_files(self, form):
        """The checked (images re-encoded) files of this step's new uploads."""
        files = {}
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            value = form.cleaned_data.get(name)
            if isinstance(field, DocumentField) and value and key in self.new_files:
                file, content_type = value
                file.content_type = content_type
                files[key] = file
        self._note_company_files(self.steps.current, files)
        return files

    def _note_company_files(self, step: str, files: dict) -> None:
        """Remember which stored files came from a company's documents, and whose: they go
        only into an application for that company."""
        sources = self.storage.extra_data.setdefault("company_files", {}).setdefault(step, {})
        for key in files:
            if key in self.company_sources:
                sources[key] = self.company_sources[key]
            else:
                sources.pop(key, None)

    def get(self, request, *args, **kwargs):
        if kwargs.get("step") == self.done_step_name:
            return redirect(self.get_step_url(self.steps.current))
        if kwargs.get("step") == CHECK_STEP and not self.storage.data[DraftStorage.step_data_key]:
            # Nothing answered (or just submitted, and the browser went back): start at the start.
            return redirect(self.get_step_url(self.steps.first))
        if "change" in request.GET and kwargs.get("step") in self.get_form_list():
            self.storage.extra_data["changing"] = True
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        sent_for = self.request.POST.get("draft", "")
        if sent_for and (self.draft is None or self.draft.reference != sent_for):
            # This draft was submitted already (a resent or doubled last POST): show its result.
            earlier = application_get_for_applicant(user=self.request.user, reference=sent_for)
            if earlier and earlier.status != Application.Status.DRAFT:
                return redirect("tracking:application_detail", reference=earlier.reference)
            if earlier is None and self.draft is None:
                return self._draft_gone()
        sent_step = self.request.POST.get(f"{self.prefix}-current_step")
        if self.storage.current_step is None and sent_step in self.get_form_list():
            # A new draft: the step shown by the GET was not stored (nothing answered yet).
            self.storage.current_step = sent_step
        return super().post(*args, **kwargs)

    def render(self, form=None, **kwargs):
        if self.request.method == "POST" and form is not None and form.is_bound and form.errors:
            self._keep_good_uploads(form)
        return super().render(form, **kwargs)

    def _keep_good_uploads(self, form) -> None:
        """A step sent back for one bad answer keeps the files that passed their checks, so a
        slow connection does not have to send them again."""
        if not isinstance(form, ApplicationForm):
            return
        good = {}
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            if (
                isinstance(field, DocumentField)
                and key in self.new_files
                and name not in form.errors
            ):
                file, content_type = form.cleaned_data[name]
                file.content_type = content_type
                good[key] = file
        if good:
            self.storage.set_step_files(self.steps.current, good)
            self._note_company_files(self.steps.current, good)

    def render_next_step(self, form, **kwargs):
        """Next step; after a "Change" from the check page, straight back to it unless a step
        that now shows still needs answers."""
        if self.storage.extra_data.get("changing"):
            unanswered = [
                step
                for step in self.get_form_list()
                if step != CHECK_STEP and self.storage.get_step_data(step) is None
            ]
            target = unanswered[0] if unanswered else CHECK_STEP
            if target == CHECK_STEP:
                self.storage.extra_data.pop("changing", None)
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        return super().render_next_step(form, **kwargs)

    def render_done(self, form, **kwargs):
        # Submit in the POST of the check page itself, not in a later GET of a "done" URL.
        try:
            return super(NamedUrlWizardView, self).render_done(form, **kwargs)
        except SubmissionFailed:
            # Raised before formtools resets its storage: the draft keeps every answer and file.
            messages.error(
                self.request,
                _(
                    "We could not submit your application just now. Your answers are saved: "
                    "try again in a moment."
                ),
            )
            return redirect(self.get_step_url(CHECK_STEP))

    def _draft_gone(self):
        """The draft was deleted (from another tab) before it could be submitted."""
        messages.error(
            self.request,
            _(
                "This draft was deleted, in another tab or window, so nothing was submitted. "
                "You can start again."
            ),
        )
        return redirect(self.get_step_url(self.steps.first))

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        messages.error(self.request, _("Some answers need your attention before you submit."))
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    # --- Pages ----------------------------------------------------------------------------

    def get_template_names(self):
        if self.steps.current == CHECK_STEP:
            return ["forms/check_answers.html"]
        return ["forms/wizard_step.html"]

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        steps = list(self.get_form_list())
        index = steps.index(current) if current in steps else 0
        schema_steps = self.schema["steps"]
        step_schema = (
            schema_steps[int(current.removeprefix("step-")) - 1]
            if current.startswith("step-")
            else None
        )
        context.update(
            {
                "page": self.page,
                "draft": self.draft,
                "step_schema": step_schema,
                "step_number": index + 1,
                # None while a later step hangs on an answer not given yet: "Step 2" alone.
                "step_count": len(steps) if self._step_count_settled(current) else None,
                "back_url": (
                    self.get_step_url(CHECK_STEP)
                    if self.storage.extra_data.get("changing") and current != CHECK_STEP
                    else self.get_step_url(steps[index - 1])
                    if index
                    else self.page.get_url(self.request)
                ),
                "stored_files": self._stored_files(current),
                "company_documents": self._company_document_choices(form),
                "company": self.company,
                "company_document_suffix": COMPANY_DOCUMENT_SUFFIX,
                "is_check": current == CHECK_STEP,
            }
        )
        if current == CHECK_STEP:
            context["summary"] = self.summary()
            context["fee_lines"] = self.page.fee_lines(answers=self.shown_steps()[1])
        return context

    def _step_count_settled(self, current: str) -> bool:
        """Whether the number of steps is known on ``current``: every later step shown under
        a condition hangs on a field of a step before ``current``, whose answer is given (going
        back and changing it makes a new count)."""
        if current == CHECK_STEP:
            return True
        # The applicant step comes before every step of the form.
        index = int(current.removeprefix("step-")) - 1 if current.startswith("step-") else -1
        steps = self.schema["steps"]
        settled = {field["name"] for step in steps[: max(index, 0)] for field in step["fields"]}
        hangs_on = [((step.get("condition") or {}).get("field") or "").strip() for step in steps]
        return all(not name or name in settled for name in hangs_on[index + 1 :])

    def _stored_files(self, step: str) -> dict:
        """Files already chosen in this step, by field name: ``{"name", "size"}``."""
        prefix = f"{step}-"
        return {
            key.removeprefix(prefix): entry
            for key, entry in self.storage.data[DraftStorage.step_files_key].get(step, {}).items()
        }

    def summary(self) -> list[dict]:
        """The check page: every step shown, each answer with a link to change it."""
        sections = []
        if APPLICANT_STEP in self.get_form_list():
            chosen = self.storage.extra_data.get("on_behalf_of")
            names = {str(company.pk): company.name for company in self.companies}
            sections.append(
                {
                    "title": _("Applicant"),
                    "change_url": self.get_step_url(APPLICANT_STEP) + "?change=1",
                    "rows": [
                        {
                            "label": _("Applying for"),
                            "value": names.get(chosen, _("Myself") if chosen else ""),
                            "anchor": f"id_{APPLICANT_STEP}-on_behalf_of_0",
                        }
                    ],
                }
            )
        stored = self.storage.extra_data.get("answers", {})
        form_list = self.get_form_list()
        for index, step in enumerate(self.schema["steps"]):
            name = schema_step_name(index)
            if name not in form_list:
                continue
            answered = self.storage.get_step_data(name) is not None
            answers = stored.get(name, {})
            files = self._stored_files(name)
            form = self.get_form(name)
            rows = []
            for field in step["fields"]:
                if field["name"] not in form.fields:
                    continue
                if field["type"] == "file_upload":
                    value = files.get(field["name"], {}).get("name", "")
                else:
                    value = (
                        answer_display(field, answers[field["name"]])
                        if field["name"] in answers
                        else ""
                    )
                if (
                    not value
                    and answered
                    and field["name"] not in answers
                    and not (field.get("required"))
                ):
                    value = _("Not given")
                rows.append(
                    {
                        "label": field["label"],
                        "value": value,
                        # Radios and check boxes have no single label: the first option.
                        "anchor": form[field["name"]].id_for_label
                        or f"{form[field['name']].auto_id}_0",
                    }
                )
            sections.append(
                {
                    "title": step["title"],
                    "change_url": self.get_step_url(name) + "?change=1",
                    "rows": rows,
                    "answered": answered,
                }
            )
        return sections

    # --- Submission -----------------------------------------------------------------------

    def done(self, form_list, form_dict=None, **kwargs):
        answers: dict = {}
        documents = []
        company_files = self.storage.extra_data.get("company_files", {})
        for form in form_list:
            if isinstance(form, ApplicationForm):
                answers.update(form.answers())
                # A file attached from the company's documents says so on the application.
                from_company = company_files.get(form.prefix, {})
                documents.extend(
                    replace(new, source=Document.Source.COMPANY)
                    if form.add_prefix(new.field_name) in from_company
                    else new
                    for new in form.documents()
                )
        chosen = (form_dict or {}).get(APPLICANT_STEP)
        company_id = None
        if chosen is not None and chosen.cleaned_data["on_behalf_of"] != MYSELF:
            company_id = int(chosen.cleaned_data["on_behalf_of"])
        if self.draft is None:
            self.draft = application_draft_start(
                applicant=self.request.user,
                service_page_id=self.page.pk,
                service_title=self.page.title,
                language=get_language(),
            )
        try:
            application = application_submit(
                application=self.draft,
                form_schema=self.page.form_snapshot(self.schema),
                answers=answers,
                documents=documents,
                language=get_language(),
                company_id=company_id,
                office_id=self.page.responsible_office_id,
                service_standard_days=self.page.service_standard_days,
                fee_snapshot=self.page.fee_snapshot(answers),
                workflow_id=self.page.workflow_id,
            )
        except DraftGone:
            return self._draft_gone()
        except (StaleApplication, DatabaseError, OSError) as error:
            logger.exception("Submitting draft %s failed", self.draft.reference)
            raise SubmissionFailed from error
        self.submitted = application
        if not application.already_submitted:
            # Shown once on the confirmation page; only its hash is kept.
            self.request.session[f"tracking-pin:{application.reference}"] = application.tracking_pin
        return redirect(reverse("tracking:application_detail", args=[application.reference]))
