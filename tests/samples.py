"""Sample files for uploads, and reading generated PDFs back, shared by the tests."""

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt: str = "JPEG") -> bytes:
    """A tiny image in this format (JPEG, PNG, WEBP…)."""
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(output, fmt)
    return output.getvalue()


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as `pdftotext` reads it (content-stream order), whitespace collapsed to single spaces."""
    assert pdf.startswith(b"%PDF-")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(  # noqa: S603
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
            capture_output=True,
            check=True,
        )
    return " ".join(result.stdout.decode("utf-8").split())
