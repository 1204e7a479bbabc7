"""Storages of our own: static files, and private files that have no URL."""

from django.core.files.storage import FileSystemStorage, storages
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on local disk that have no URL: they are served only by views that check access."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


def private_storage():
    """The storage for applicants' and companies' documents: never under a public URL."""
    return storages["private"]
