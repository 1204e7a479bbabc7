"""Uploads are judged by what is inside them, and images are re-encoded."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from portal.core.uploads import upload_validate

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
