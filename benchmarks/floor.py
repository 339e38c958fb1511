"""The floor the build is measured against: plain genanki and reportlab writing as many notes, PDFs and questions.

No templates, no plan, no checks: one Anki package of basic notes, then PDFs of
numbered questions with four options (every other PDF a key, with the answer and
a line of explanation), laid out once each in one process, in the same TrueType
font the worksheets use. Usage:

    python benchmarks/floor.py OUT_DIR --notes 2000 --pdfs 80 --questions 58
"""
from __future__ import annotations

import argparse
from pathlib import Path


def write_deck(path: Path, notes: int) -> None:
    import genanki

    model = genanki.Model(1607392319, "Floor basic", fields=[{"name": "Front"}, {"name": "Back"}],
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}])
    deck = genanki.Deck(2059400110, "Floor")
    for n in range(notes):
        deck.add_note(genanki.Note(model=model, fields=[f"Who was the keeper of ledger number {n}?", f"Person {n}"],
                                   guid=f"floor-{n}"))
    genanki.Package(deck).write_to_file(str(path))


def write_pdfs(folder: Path, pdfs: int, questions: int) -> None:
    import fontpkg
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    for name, weight in (("Floor", 400), ("Floor-Bold", 700)):
        pdfmetrics.registerFont(TTFont(name, str(fontpkg.path("PT Sans", weight=weight, style="normal"))))
    body = ParagraphStyle("body", fontName="Floor", fontSize=10.5, leading=14)
    option = ParagraphStyle("option", body, leftIndent=14)
    small = ParagraphStyle("small", body, fontSize=8.5, leading=11)

    def footer(canvas, doc):
        canvas.setFont("Floor", 8.5)
        canvas.drawRightString(A4[0] - 18 * mm, 11 * mm, f"Page {doc.page}")

    folder.mkdir(parents=True, exist_ok=True)
    for p in range(pdfs):
        key = p % 2 == 1
        story = [Paragraph(f"<font name='Floor-Bold' size='17'>Floor course</font> sheet {p}", body), Spacer(0, 12)]
        for q in range(questions):
            n = p * questions + q
            story.append(Paragraph(f"<b>{q + 1}.</b> Who was the keeper of ledger number {n} in the chronicle?", body))
            if key:
                story.append(Paragraph(f"Answer: <b>Person {n}</b>", body))
                story.append(Paragraph(f"Why: the chronicle names Person {n} as the keeper of ledger {n}; "
                                       f"source paragraph {q + 1}.", small))
            else:
                story += [Paragraph(f"{letter}&nbsp;&nbsp;Person {n + k}", option) for k, letter in enumerate("ABCD")]
            story.append(Spacer(0, 8))
        doc = SimpleDocTemplate(str(folder / f"sheet-{p:03d}.pdf"), pagesize=A4, leftMargin=18 * mm,
                                rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=20 * mm, invariant=1)
        doc.build(story, onFirstPage=footer, onLaterPages=footer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    parser.add_argument("--pdfs", type=int, required=True)
    parser.add_argument("--questions", type=int, required=True, help="questions per PDF")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write_deck(args.out / "floor.apkg", args.notes)
    write_pdfs(args.out / "sheets", args.pdfs, args.questions)


if __name__ == "__main__":
    main()
