"""Editing a workflow in the admin (Settings → Workflows) without rewriting history: a stage
that applications or their events use is archived when the editor removes it, and the editor
is told why."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import EditView

from portal.applications.models import Stage
from portal.applications.selectors import stages_in_use


class WorkflowForm(WagtailAdminModelForm):
    """The workflow's form, whose removed stages are deleted only when nothing uses them."""

    archived_stages: list

    def save(self, commit=True):
        workflow = super().save(commit=False)
        formset = self.formsets["stages"]
        removed = {stage.pk: stage for stage in formset.deleted_objects}
        used = stages_in_use(stage_ids=list(removed))
        self.archived_stages = [stage for pk, stage in removed.items() if pk in used]
        if self.archived_stages:
            for stage in self.archived_stages:
                stage.archived = True
            workflow.stages.add(*self.archived_stages)
            _keep_in_place(workflow, formset, self.archived_stages)
        if commit:
            workflow.save()
            self._save_m2m()
        return workflow


def _keep_in_place(workflow, formset, archived: list) -> None:
    """Number the stages again with each archived one where it was, after the stage that came
    before it: an application at it moves on to the stage that followed it."""
    kept = [form.instance for form in formset.ordered_forms]
    before = list(
        Stage.objects.filter(workflow=workflow).order_by("sort_order").values_list("pk", flat=True)
    )
    by_pk = {stage.pk: stage for stage in kept if stage.pk}
    for stage in sorted(archived, key=lambda stage: before.index(stage.pk)):
        position = before.index(stage.pk)
        previous = next((by_pk[pk] for pk in reversed(before[:position]) if pk in by_pk), None)
        kept.insert(kept.index(previous) + 1 if previous else 0, stage)
        by_pk[stage.pk] = stage
    for order, stage in enumerate(kept):
        stage.sort_order = order


class WorkflowEditView(EditView):
    """After saving, the editor learns which removed stages were archived instead, and why."""

    def form_valid(self, form):
        response = super().form_valid(form)
        for stage in getattr(form, "archived_stages", []):
            messages.warning(
                self.request,
                _(
                    "The stage “%(stage)s” is archived, not deleted: applications or their "
                    "history use it. No application enters it any more; those at it move on "
                    "from it."
                )
                % {"stage": stage.name},
            )
        return response
