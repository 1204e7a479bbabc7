"""Storing an application's documents: a checked upload under a random name in private
storage, and its removal when the transaction that recorded it fails."""

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from portal.core.uploads import upload_sha256

from .models import Application, Document


@dataclass(frozen=True)
class NewDocument:
    """An upload that passed validation, with the type read from its content."""

    field_name: str
    file: UploadedFile
    content_type: str
    source: str = Document.Source.FORM


def document_add(*, application: Application, new: NewDocument, stored_names: list[str]):
    """Store a checked upload under a random name and record it; its stored name goes to
    ``stored_names`` so that the caller can delete it if the transaction fails."""
    document = Document(
        application=application,
        field_name=new.field_name,
        source=new.source,
        original_name=new.file.name[:255],
        content_type=new.content_type,
        size=new.file.size,
        sha256=upload_sha256(new.file),
    )
    document.file.save(new.file.name, new.file, save=False)
    stored_names.append(document.file.name)
    document.save()
    return document


def stored_files_delete(names: list[str]) -> None:
    """Delete files stored for a transaction that did not commit."""
    storage = Document._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
