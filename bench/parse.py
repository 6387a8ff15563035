"""Reading speed per page: text parse of the seed, born-digital PDF extraction, and OCR with the
pipeline's overhead over Tesseract's own time; and reading accuracy: for our own test documents
(tests/fixtures/documents, with what each should read in expected/), the share of expected task
fields read right, per kind of field, as text and as a PDF whose text layer glues syllables.
Prints figures and ratios to the targets."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from danvan.parsing import parse_bytes, parse_text  # noqa: E402
from danvan.parsing.extract import extract  # noqa: E402
from danvan.parsing.quality import COMPARED, field_shares  # noqa: E402
from tests.parsing import makers  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seed" / "754-CT-DU-2013.txt"


def best_of(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"


def accuracy() -> None:
    """Share of expected fields read right, per kind, over every test document (target ≥ 0.98)."""
    from tests.parsing.test_pdf_glue import glue

    for variant in ("text", "glued PDF"):
        totals: dict[str, list[float]] = {key: [] for key in COMPARED}
        for path in sorted(DOCUMENTS.glob("*.txt")):
            expected = json.loads((DOCUMENTS / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
            text = path.read_text(encoding="utf-8")
            read = parse_text(text) if variant == "text" else parse_bytes(makers.text_pdf(glue(text)), f"{path.stem}.pdf")
            for key, share in field_shares(expected["tasks"], read.to_dict()["tasks"]).items():
                totals[key].append(share)
        shares = {key: statistics.mean(v) for key, v in totals.items() if v}
        overall = statistics.mean(shares.values())
        line = "  ".join(f"{key} {share:.2f}" for key, share in shares.items())
        print(f"fields read right ({variant:<9}): {line}   overall {overall:.3f}   target ≥ 0.98   ratio {overall / 0.98:.3f}")


def main() -> None:
    accuracy()
    text = SEED.read_text(encoding="utf-8")
    parse_text(text)  # warm the regular expressions
    best, median = best_of(lambda: parse_text(text), 50)
    label = "text parse of the seed      :"
    print(f"{label} {median * 1000:7.2f} ms median ({best * 1000:.2f} best)   target ≤ 20 ms   ratio {median / 0.020:.2f}")

    pdf = makers.text_pdf(text)
    pages = extract(pdf, "seed.pdf").pages
    best, median = best_of(lambda: extract(pdf, "seed.pdf"), 30)
    per_page = median / pages
    print(
        f"born-digital PDF extraction : {per_page * 1000:7.2f} ms/page ({pages} pages)   target ≤ 20 ms/page   ratio {per_page / 0.020:.2f}"
    )
    best, median = best_of(lambda: parse_bytes(pdf, "seed.pdf"), 10)
    print(f"  … and the whole parse     : {median / pages * 1000:7.2f} ms/page")

    page = makers.page_images(text)[0]
    png = makers.png(page)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "page.png")
        Path(path).write_bytes(png)
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

        def tesseract():
            command = ["tesseract", path, "stdout", "-l", "vie", "--psm", "4"]
            subprocess.run(command, capture_output=True, env=env, check=True)

        tess_best, tess_median = best_of(tesseract, 3)
    pipe_best, pipe_median = best_of(lambda: parse_bytes(png, "page.png"), 3)
    print(f"OCR, Tesseract alone        : {tess_median:7.2f} s/page (one core, 300 dpi)   target ≤ 3 s   ratio {tess_median / 3:.2f}")
    print(f"OCR, whole pipeline         : {pipe_median:7.2f} s/page   overhead ratio {pipe_median / tess_median:.3f} (target ≤ 1.10)")


if __name__ == "__main__":
    main()
