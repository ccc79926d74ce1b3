"""Rendering a drafted brief: Markdown, HTML (escaped, RTL-correct), PDF (Arabic shaped, logical order), DOCX."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import lxml.html
import pytest

from dragoman.brief.model import (
    AnalysisSentence,
    Brief,
    Excerpt,
    Image,
    Note,
    Paragraph,
    PullQuote,
    SourceBlock,
    absolute_date,
    is_rtl,
    roman,
)
from dragoman.brief.render import render, render_html, render_markdown, safe_url
from dragoman.errors import InputError

AR_TITLE = "وفد عسكري روسي يلتقي حفتر في بنغازي"
RU_TITLE = "Шойгу провел в Москве переговоры с Хафтаром"
EVIL = "Haftar lands in Moscow <script>alert(1)</script>"
AR_ORIGINAL = ("التقى نائب وزير الدفاع الروسي يونس بك يفكوروف، يوم الثلاثاء، اللواء المتقاعد خليفة حفتر "
               "في مقره بمنطقة الرجمة شرقي بنغازي.")
AR_CUT = "وقالت مصادر مطلعة إن حفتر طلب من موسكو منظومات دفاع جوي … واتفاقية دفاعية رسمية."
RU_ORIGINAL = ("Министр обороны России Сергей Шойгу провел в Москве переговоры с командующим Ливийской "
               "национальной армией Халифой Хафтаром.")
QUOTE = "Informed sources said Haftar asked Moscow for air-defence systems … and a formal defence agreement."
SHA = "9f2c4b7d1e0a8c3f5b6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b"


def _png(path: Path) -> Path:
    """A small real PNG (a grey runway on sand) so embedding is tested with actual image bytes."""
    from PIL import Image as PILImage, ImageDraw

    picture = PILImage.new("RGB", (320, 180), (214, 196, 150))
    ImageDraw.Draw(picture).rectangle((20, 80, 300, 100), fill=(90, 90, 90))
    picture.save(path)
    return path


def make_brief(image_path: str = "missing.png") -> Brief:
    """A realistic draft: Arabic, Russian and English sources, two notes, a pull quote, a public-domain image."""
    arabic = SourceBlock(
        outlet="al-Araby al-Jadeed", descriptor="Qatari-aligned daily", grade="B",
        title_original=AR_TITLE, title_language="ar",
        title_english="Russian military delegation meets Haftar in Benghazi",
        published=date(2023, 8, 23), url="https://www.alaraby.co.uk/politics/وفد-عسكري-روسي-يلتقي-حفتر",
        excerpts=[
            Excerpt(id="ar1-0001", language="ar", original=AR_ORIGINAL, translation="analyst",
                    english=("Russian Deputy Defence Minister Yunus-Bek Yevkurov met retired Major General "
                             "Khalifa Haftar on Tuesday at his headquarters in al-Rajma, east of Benghazi."),
                    doc_id="d41c9a7e", sha256=SHA, start=112, end=221),
            Excerpt(id="ar1-0002", language="ar", original=AR_CUT, translation="ctranslate2 opus-mt-ar-en",
                    english=QUOTE, doc_id="d41c9a7e", sha256=SHA, start=480, end=603, cut=True),
        ])
    russian = SourceBlock(
        outlet="TASS", descriptor="Russian state news agency", grade="C",
        title_original=RU_TITLE, title_language="ru",
        title_english="Shoigu held talks with Haftar in Moscow",
        published=date(2023, 9, 28), url="https://tass.ru/politika/18870001",
        excerpts=[Excerpt(id="ru1-0001", language="ru", original=RU_ORIGINAL, translation="analyst",
                          english=("Russian Defence Minister Sergei Shoigu held talks in Moscow with Khalifa "
                                   "Haftar, commander of the Libyan National Army."),
                          doc_id="7be2f019", sha256=None, start=0, end=118)])
    english = SourceBlock(
        outlet="Libya Observer", descriptor="Libyan news site", grade="unrated",
        title_original=EVIL, title_language="en", title_english=None,
        published=date(2023, 9, 26), url="javascript:alert(2)",
        excerpts=[Excerpt(id="en1-0001", language="en", original="", translation="original English",
                          english="Haftar arrived in Moscow on Tuesday for talks with Russian officials.",
                          doc_id="c03d55aa", sha256=SHA, start=40, end=110)])
    return Brief(
        title="Russia courts Haftar after Wagner", subtitle="Foreign perspectives, August–September 2023",
        query="Russia and Haftar", period="August–October 2023",
        created=datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc),
        image=Image(path_or_url=image_path, caption="Russian MiG-29 at Al-Jufra air base, Libya, May 2020",
                    shows="A Russian MiG-29 fighter on the apron at Al-Jufra air base",
                    source="https://www.africom.mil/pressrelease/32887/russia-deploys-military-fighter-aircraft-to-libya",
                    licence="Public Domain", credit="US Africa Command"),
        pull_quote=PullQuote(text=QUOTE, excerpt_id="ar1-0002"),
        analysis=[
            Paragraph(sentences=[
                AnalysisSentence(text=("On 22 August 2023 Yunus-Bek Yevkurov led the first official Russian "
                                       "military delegation to Khalifa Haftar in Benghazi."),
                                 footnotes=[1], excerpts=["ar1-0001"]),
                AnalysisSentence(text="Yevgeny Prigozhin was killed in a plane crash in Russia the next day.",
                                 footnotes=[2]),
            ]),
            Paragraph(sentences=[
                AnalysisSentence(text="On 28 September 2023 Haftar met Sergei Shoigu in Moscow.",
                                 footnotes=[1, 2], excerpts=["ru1-0001"]),
            ]),
        ],
        sources=[arabic, russian, english],
        notes=[
            Note(number=2, text="On Prigozhin's death and Wagner's African operations, see",
                 outlet="Le Monde", descriptor="French daily of record",
                 title="Après la mort de Prigojine, l'avenir incertain de Wagner en Afrique", title_language="fr",
                 published=date(2023, 8, 25), url="https://www.lemonde.fr/afrique/article/2023/08/25/wagner",
                 credibility="B2"),
            Note(number=1, text="The Russian Ministry of Defence announced the visit on its Telegram channel.",
                 outlet="Russian MoD Telegram", descriptor="official channel of the Russian Ministry of Defence",
                 title="Делегация Минобороны России во главе с Юнус-Беком Евкуровым посетила Ливию",
                 title_language="ru", published=date(2023, 8, 22), url="https://t.me/mod_russia/29001"),
        ],
        warnings=["Libya Observer is not in the outlet registry (unrated)."],
    )


def _positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(n) for n in needles]
    missing = [n for n, at in zip(needles, found) if at < 0]
    assert not missing, f"missing parts: {missing}"
    return found


PARTS_MD = ["# Russia courts Haftar after Wagner", "Russian MiG-29 at Al-Jufra air base", "> “Informed sources",
            "## Analysis", "[i]", "## Sources", AR_TITLE, "Russian military delegation meets Haftar",
            "al-Araby al-Jadeed (Qatari-aligned daily) · 23 August 2023", "Excerpt ar1-0001", RU_TITLE,
            "TASS (Russian state news agency) · 28 September 2023", "## Notes", "[i] The Russian Ministry",
            "[ii] On Prigozhin", "## Image information", "Licence: Public Domain", "## Drafting warnings"]


def test_helpers():
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40, 90, 1994)] == ["i", "ii", "iv", "ix", "xiv", "xl", "xc",
                                                                  "mcmxciv"]
    with pytest.raises(ValueError):
        roman(0)
    assert absolute_date(date(2023, 9, 28)) == "28 September 2023"
    assert absolute_date(None) == ""
    assert is_rtl("ar") and is_rtl("fa-IR") and is_rtl("he") and is_rtl("az-Arab") and not is_rtl("ru") and not is_rtl(None)
    assert safe_url("https://tass.ru/x") == "https://tass.ru/x"
    assert safe_url("javascript:alert(1)") is None and safe_url("https://a b") is None and safe_url("//x") is None


def test_markdown_has_every_part_in_order_and_escapes(tmp_path):
    _png(tmp_path / "mig29.png")
    out = render(make_brief(str(tmp_path / "mig29.png")), tmp_path / "out" / "brief.md")
    text = out.read_text(encoding="utf-8")
    positions = _positions(text, PARTS_MD)
    assert positions == sorted(positions)
    assert "![A Russian MiG-29 fighter on the apron at Al-Jufra air base](<../mig29.png>)" in text
    assert "<script>" not in text and r"\<script\>alert(1)\</script\>" in text
    assert "javascript:" in text and "<javascript:" not in text     # shown as text, never as a link
    assert "<https://tass.ru/politika/18870001>" in text
    assert "[i][ii]" in text                                          # two notes on one sentence
    assert "\n\n\n" not in text
    assert "characters 480–603 (cut) · capture sha256 9f2c4b7d1e0a…" in text


def test_html_parts_escaping_and_rtl(tmp_path):
    png = _png(tmp_path / "mig29.png")
    html = render_html(make_brief(str(png)))
    positions = _positions(html, ['<h1 class="title">', '<figure class="image">', 'class="pull-quote"',
                                  "<h2>Analysis</h2>", "<h2>Sources</h2>", AR_TITLE, RU_TITLE, "Haftar lands",
                                  "<h2>Notes</h2>", "<h2>Image information</h2>", "<h2>Drafting warnings</h2>"])
    assert positions == sorted(positions)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert 'src="data:image/png;base64,' in html

    tree = lxml.html.fromstring(html)
    [title] = [e for e in tree.iter() if (e.text or "").strip() == AR_TITLE]
    assert title.get("dir") == "rtl" and title.get("lang") == "ar"
    [original] = tree.find_class("original")[:1]
    assert original.get("dir") == "rtl" and original.get("lang") == "ar" and original.text == AR_ORIGINAL
    [russian] = [e for e in tree.iter() if (e.text or "").strip() == RU_TITLE]
    assert russian.get("dir") == "ltr" and russian.get("lang") == "ru"
    markers = [a.text for a in tree.xpath("//sup[@class='fn']/a")]
    assert markers == ["[i]", "[ii]", "[i]", "[ii]"]
    targets = {a.get("href")[1:] for a in tree.xpath("//sup[@class='fn']/a")}
    assert targets <= {e.get("id") for e in tree.find_class("note")}
    notes = [e.text_content() for e in tree.find_class("note")]
    assert notes[0].startswith("[i] The Russian Ministry") and notes[1].startswith("[ii] On Prigozhin")
    assert "25 August 2023" in notes[1] and "credibility B2" in notes[1]
    assert tree.get_element_by_id("excerpt-ar1-0002") is not None


def test_remote_or_missing_image_keeps_caption_without_picture(tmp_path):
    for ref in ("https://www.africom.mil/images/mig29.jpg", str(tmp_path / "gone.png")):
        brief = make_brief(ref)
        html = render_html(brief)
        md = render_markdown(brief)
        assert "<img" not in html and "![" not in md
        assert "Russian MiG-29 at Al-Jufra air base" in html and "(US Africa Command)" in md
        assert "Licence: Public Domain" in md


def test_pdf_has_arabic_title_in_logical_order(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    png = _png(tmp_path / "mig29.png")
    pdf = render(make_brief(str(png)), tmp_path / "brief.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert AR_TITLE in flat
    assert RU_TITLE in flat and "al-Araby al-Jadeed (Qatari-aligned daily)" in flat
    assert "Page 1 of" in flat and "<script>alert(1)</script>" in flat   # escaped in HTML, shown as text
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "NotoNaskhArabic" in fonts.replace("-", "")


def test_docx_parts_rtl_and_ids(tmp_path):
    import docx
    from docx.oxml.ns import qn

    png = _png(tmp_path / "mig29.png")
    path = render(make_brief(str(png)), tmp_path / "brief.docx")
    doc = docx.Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:3] == ["Russia courts Haftar after Wagner", "Analysis", "Sources"]
    assert headings[3:6] == [AR_TITLE, RU_TITLE, EVIL]
    assert headings[6:] == ["Notes", "Image information", "Drafting warnings"]
    assert len(doc.inline_shapes) == 1

    [arabic] = [p for p in doc.paragraphs if p.text == AR_TITLE]
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    run = arabic.runs[0]
    assert run.font.rtl and run._r.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar"
    [excerpt_ar] = [p for p in doc.paragraphs if p.text == AR_ORIGINAL]
    assert excerpt_ar._p.pPr.find(qn("w:bidi")) is not None and excerpt_ar.runs[0].font.rtl
    [russian] = [p for p in doc.paragraphs if p.text == RU_TITLE]
    assert russian._p.pPr is None or russian._p.pPr.find(qn("w:bidi")) is None

    body = [p for p in doc.paragraphs if p.text.startswith("On 22 August 2023")][0]
    supers = [r.text for r in body.runs if r.font.superscript]
    assert supers == ["[i]", "[ii]"]
    ids = [p for p in doc.paragraphs if p.text.startswith("Excerpt ar1-0002")]
    assert ids and "(cut)" in ids[0].text and ids[0].runs[0].font.size.pt == 8
    links = [h.address for p in doc.paragraphs for h in p.hyperlinks]
    assert "https://tass.ru/politika/18870001" in links and not any("javascript" in a for a in links)
    assert any(p.text == "javascript:alert(2)" for p in doc.paragraphs)
    with zipfile.ZipFile(path) as archive:
        assert "<script>" not in archive.read("word/document.xml").decode("utf-8")


def test_docx_drops_characters_xml_forbids(tmp_path):
    import docx

    brief = make_brief()
    brief.sources[1].excerpts[0].english = "Shoigu\x0bheld talks\x00 in Moscow."
    doc = docx.Document(str(render(brief, tmp_path / "brief.docx")))
    assert "Shoigu held talks in Moscow." in [p.text for p in doc.paragraphs]
    assert brief.sources[1].excerpts[0].english.startswith("Shoigu\x0b")     # the caller's brief is untouched


def test_docx_converts_with_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    path = render(make_brief(), tmp_path / "brief.docx")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")


def test_custom_templates(tmp_path):
    md_template = tmp_path / "short.md.j2"
    md_template.write_text("{{ brief.title }}\n{% for s in brief.sources %}* {{ s.title_original }} — "
                           "{{ s.published|date }}\n{% endfor %}", encoding="utf-8")
    text = render(make_brief(), tmp_path / "short.md", template=md_template).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Russia courts Haftar after Wagner"
    assert f"* {AR_TITLE} — 23 August 2023" in text and r"\<script\>" in text

    html_template = tmp_path / "mine.html"
    html_template.write_text('<h1>{{ brief.title }}</h1>{% for s in brief.sources %}<p dir="{{ s.title_language'
                             '|dir }}">{{ s.title_original }}</p>{% endfor %}', encoding="utf-8")
    html = render(make_brief(), tmp_path / "mine.html", template=html_template).read_text(encoding="utf-8")
    assert f'<p dir="rtl">{AR_TITLE}</p>' in html and "&lt;script&gt;" in html and "<script>" not in html

    pdf = render(make_brief(), tmp_path / "mine.pdf", template=html_template)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_template_errors_name_the_file_and_line(tmp_path):
    broken = tmp_path / "broken.md.j2"
    broken.write_text("# {{ brief.title }}\n\n{% for s in brief.sources %}\n{{ s.outlet }\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        render(make_brief(), tmp_path / "b.md", template=broken)
    assert f"{broken}:4" in str(err.value) and "syntax" in str(err.value)
    assert not (tmp_path / "b.md").exists()

    typo = tmp_path / "typo.html"
    typo.write_text("<h1>{{ brief.title }}</h1>\n<p>{{ brief.sources[0].outlett }}</p>\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        render(make_brief(), tmp_path / "t.html", template=typo)
    assert f"{typo}:2" in str(err.value) and "outlett" in str(err.value)

    sneaky = tmp_path / "sneaky.html"
    sneaky.write_text("{{ brief.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(InputError) as err:
        render(make_brief(), tmp_path / "s.html", template=sneaky)
    assert "sneaky.html:1" in str(err.value)

    with pytest.raises(InputError, match="no such template file"):
        render(make_brief(), tmp_path / "x.md", template=tmp_path / "absent.j2")
    with pytest.raises(InputError, match=r"\.docx is built directly"):
        render(make_brief(), tmp_path / "x.docx", template=broken)


def test_unknown_suffix_and_dangling_references(tmp_path):
    target = tmp_path / "brief.odt"
    with pytest.raises(InputError) as err:
        render(make_brief(), target)
    message = str(err.value)
    assert str(target) in message and ".odt" in message and all(s in message for s in (".md", ".html", ".pdf",
                                                                                         ".docx"))
    with pytest.raises(InputError, match="without a suffix"):
        render(make_brief(), tmp_path / "brief")

    dangling = make_brief()
    dangling.analysis[0].sentences[0].footnotes.append(7)
    dangling.pull_quote = PullQuote(text="…", excerpt_id="nope")
    with pytest.raises(InputError) as err:
        render(dangling, tmp_path / "d.md")
    assert "cites note 7" in str(err.value) and "'nope'" in str(err.value)
    assert not (tmp_path / "d.md").exists()


def test_render_overwrites_atomically_and_returns_path(tmp_path):
    target = tmp_path / "brief.html"
    target.write_text("old", encoding="utf-8")
    assert render(make_brief(), target) == target
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]
    assert re.search(r"drafted 24 November 2026", target.read_text(encoding="utf-8"))
