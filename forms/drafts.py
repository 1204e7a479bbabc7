"""Drafts: the form wizard's state kept on the draft application, not in a session.

An applicant who signs out, or moves from a phone to a computer, finds the draft where they left
it. Files chosen in earlier steps wait in private storage under random names, in dated folders
under ``wizard/``, until the application is submitted (then they are copied to the documents)
or the draft is abandoned (then ``draft_purge`` deletes them).
"""

import datetime
import json
import uuid

from django.core.files.storage import storages
from django.db.models import Q
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from portal.applications.models import Application
from portal.applications.services import application_draft_discard, draft_temporary_files
from portal.core.uploads import upload_mark_scanned

from .schema import json_copy

WIZARD_FOLDER = "wizard"
# A draft nobody touched for this long is deleted with its files.
DRAFT_RETENTION = datetime.timedelta(days=60)
# A temporary file that no draft names is deleted once it is this old (a replaced upload, or
# one saved by a request that then failed).
ORPHAN_AGE = datetime.timedelta(days=1)


def wizard_file_storage():
    return storages["private"]


wizard_state_files = draft_temporary_files


class DraftStorage(BaseStorage):
    """formtools storage whose data is a draft application's ``wizard_state``.

    ``initial`` is the state read from the draft (or None for a new one); the wizard writes
    ``data`` back when ``changed`` is true.
    """

    def __init__(self, prefix, request=None, file_storage=None, *, initial: dict | None = None):
        super().__init__(prefix, request, file_storage)
        if initial and BaseStorage.step_key in initial:
            self.data = json_copy(initial)
        else:
            self.init_data()
        self._initial = json.dumps(self.data, sort_keys=True)

    @property
    def changed(self) -> bool:
        return json.dumps(self.data, sort_keys=True) != self._initial

    def set_step_files(self, step, files):
        """Like formtools, but under a random name in a dated folder (never the applicant's
        file name), and a replaced file is deleted after the response."""
        if step not in self.data[self.step_files_key]:
            self.data[self.step_files_key][step] = {}
        stored = self.data[self.step_files_key][step]
        for field, field_file in (files or {}).items():
            if field in stored:
                self._tmp_files.append(stored[field]["tmp_name"])
            folder = timezone.now().strftime(f"{WIZARD_FOLDER}/%Y/%m/%d")
            field_file.seek(0)
            tmp_name = self.file_storage.save(f"{folder}/{uuid.uuid4().hex}", field_file)
            stored[field] = {
                "tmp_name": tmp_name,
                "name": field_file.name,
                "content_type": field_file.content_type,
                "size": field_file.size,
                "charset": getattr(field_file, "charset", None),
            }

    def get_step_files(self, step):
        """Like formtools; each file passed its checks, the virus scan included, when it was
        stored, and is not scanned again when the step is checked once more (on submitting)."""
        files = super().get_step_files(step)
        for file in (files or {}).values():
            upload_mark_scanned(file)
        return files

    def forget_file(self, step_files: dict, key: str) -> None:
        """Drop a stored file of a step; its temporary file is deleted after the response."""
        entry = step_files.pop(key)
        self._tmp_files.append(entry["tmp_name"])


def draft_purge(*, now: datetime.datetime | None = None) -> dict:
    """Delete drafts nobody touched within the retention time, with their files, and temporary
    files no draft refers to. Returns counts."""
    now = now or timezone.now()
    drafts = 0
    for draft in Application.objects.filter(
        status=Application.Status.DRAFT, updated_at__lt=now - DRAFT_RETENTION
    ).only("pk", "wizard_state"):
        if application_draft_discard(application=draft):
            drafts += 1

    storage = wizard_file_storage()
    in_use = {
        name
        for state in Application.objects.filter(
            Q(status=Application.Status.DRAFT) & ~Q(wizard_state={})
        ).values_list("wizard_state", flat=True)
        for name in wizard_state_files(state)
    }
    files = 0
    for name in _wizard_files_older_than(storage, now - ORPHAN_AGE):
        if name not in in_use:
            storage.delete(name)
            files += 1
    return {"drafts": drafts, "files": files}


def _wizard_files_older_than(storage, cutoff: datetime.datetime):
    """Temporary files in day folders that ended before ``cutoff``; works on any storage that
    lists directories (disk, S3)."""
    try:
        years = storage.listdir(WIZARD_FOLDER)[0]
    except FileNotFoundError:
        return
    for year in years:
        for month in storage.listdir(f"{WIZARD_FOLDER}/{year}")[0]:
            for day in storage.listdir(f"{WIZARD_FOLDER}/{year}/{month}")[0]:
                try:
                    folder_day = datetime.date(int(year), int(month), int(day))
                except ValueError:
                    continue
                if folder_day >= cutoff.date():
                    continue
                folder = f"{WIZARD_FOLDER}/{year}/{month}/{day}"
                for name in storage.listdir(folder)[1]:
                    yield f"{folder}/{name}"
