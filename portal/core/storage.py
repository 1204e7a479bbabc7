"""Storages of our own: static files, and private files that have no URL."""

import logging

from django.core.files.storage import FileSystemStorage, storages
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on local disk that have no URL: they are served only by views that check access."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage():
    """The storage for applicants' and companies' documents: never under a public URL."""
    return storages["private"]


def stored_files_delete_each(storage, names) -> int:
    """Delete stored files one at a time, after the rows that named them are gone: a file the
    storage fails to delete is logged and left for the orphan-file purge, and the others are
    still deleted (nothing is raised to the caller, whose transaction has committed). How
    many were deleted."""
    deleted = 0
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # any storage's failure: the orphan-file purge tries again
            logger.exception("Could not delete the stored file %s; left for the purge.", name)
        else:
            deleted += 1
    return deleted
