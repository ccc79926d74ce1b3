"""The brief as a Word document (python-docx): the same parts as the HTML, Arabic and Hebrew set right to left.

Right-to-left text needs two marks in OOXML: `w:bidi` on the paragraph (its base direction and alignment)
and `w:rtl` on each run (how Word orders and shapes the characters), plus the complex-script font and
language (`w:rFonts/@w:cs`, `w:lang/@w:bidi`) so Word picks a Naskh face and Arabic spelling tools.
"""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import quote

import msgspec

from .assets import local_image, safe_url
from .model import Brief, Excerpt, Note, SourceBlock, absolute_date, is_rtl, roman

GREY = (0x80, 0x80, 0x80)
CS_FONTS = {"he": "Noto Sans Hebrew", "yi": "Noto Sans Hebrew"}   # everything else RTL is Arabic script
ARABIC_FONT = "Noto Naskh Arabic"
# Children of w:pPr / w:rPr that must follow w:bidi / w:lang (OOXML fixes the order of these elements).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPACE = re.compile("[\x0b\x0c]")   # vertical tab, form feed: spaces in the text, illegal in XML
DOCX_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


def to_docx(brief: Brief) -> bytes:
    """The brief as DOCX bytes."""
    from docx import Document
    from docx.shared import Pt

    brief = xml_safe(brief)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Noto Sans"
    normal.font.size = Pt(10.5)
    _cs_font(normal.element.get_or_add_rPr(), ARABIC_FONT)
    props = doc.core_properties
    props.title = brief.title
    props.subject = brief.query
    props.created = brief.created
    props.comments = "Draft brief made by Dragoman; every excerpt id resolves with `dragoman cite ID`."

    doc.add_heading(brief.title, level=0)
    if brief.subtitle:
        doc.add_paragraph(brief.subtitle, style="Subtitle")
    meta = f"Draft for the query “{brief.query}”"
    meta += f" · {brief.period}" if brief.period else ""
    _small(doc.add_paragraph(), f"{meta} · drafted {absolute_date(brief.created)}")
    if brief.image is not None:
        _picture(doc, brief)
    if brief.pull_quote is not None:
        _pull_quote(doc, brief)
    doc.add_heading("Analysis", level=1)
    for paragraph in brief.analysis:
        para = doc.add_paragraph()
        for i, sentence in enumerate(paragraph.sentences):
            para.add_run(sentence.text if i == 0 else " " + sentence.text)
            for number in sentence.footnotes:
                para.add_run(f"[{roman(number)}]").font.superscript = True
    doc.add_heading("Sources", level=1)
    for source in brief.sources:
        _source(doc, source)
    if brief.notes:
        doc.add_heading("Notes", level=1)
        for note in sorted(brief.notes, key=lambda n: n.number):
            _note(doc, note)
    if brief.image is not None:
        doc.add_heading("Image information", level=1)
        image = brief.image
        _labelled(doc, "Shows: ", image.shows)
        _labelled(doc, "Source: ", image.source, link=True)
        _labelled(doc, "Licence: ", image.licence)
        _labelled(doc, "Credit: ", image.credit)
    if brief.warnings:
        doc.add_heading("Drafting warnings", level=1)
        for warning in brief.warnings:
            doc.add_paragraph(warning, style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xml_safe(brief: Brief) -> Brief:
    """A copy without the control characters XML 1.0 forbids (scraped text has them; python-docx refuses them)."""
    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return _XML_ILLEGAL.sub("", _XML_SPACE.sub(" ", value))
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value
    return msgspec.convert(clean(msgspec.to_builtins(brief)), Brief)


def _picture(doc: Any, brief: Brief) -> None:
    """The picture when it is a local file Word can hold, and always its caption and credit."""
    from docx.image.exceptions import UnrecognizedImageError
    from docx.shared import Cm


    path = local_image(brief)
    if path is not None and path.suffix.lower() in DOCX_IMAGES:
        try:
            doc.add_picture(str(path), width=Cm(16))
        except UnrecognizedImageError:   # a file named .png that is not one: keep the caption, no picture
            pass
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(brief.image.caption)
    caption.add_run(f" ({brief.image.credit})")


def _pull_quote(doc: Any, brief: Brief) -> None:
    quote = brief.pull_quote
    para = doc.add_paragraph(style="Intense Quote")
    para.add_run(f"“{quote.text}”")
    found = brief.excerpt(quote.excerpt_id)
    if found is not None:
        source, excerpt = found
        when = f", {absolute_date(source.published)}" if source.published else ""
        _small(doc.add_paragraph(), f"— {source.outlet}{when} (excerpt {excerpt.id})")


def _source(doc: Any, source: SourceBlock) -> None:
    heading = doc.add_heading(level=2)
    _text(heading, source.title_original, source.title_language, whole_paragraph=True)
    if source.title_english:
        doc.add_paragraph().add_run(f"({source.title_english})").italic = True
    when = f" · {absolute_date(source.published)}" if source.published else ""
    meta = doc.add_paragraph()
    meta.add_run(source.outlet).bold = True
    meta.add_run(f" ({source.descriptor}){when} · source grade {source.grade}")
    if source.url:
        _url(doc.add_paragraph(), source.url)
    for excerpt in source.excerpts:
        _excerpt(doc, excerpt)


def _excerpt(doc: Any, excerpt: Excerpt) -> None:
    doc.add_paragraph(excerpt.english, style="Quote")
    if excerpt.original:
        _text(doc.add_paragraph(), excerpt.original, excerpt.language, whole_paragraph=True)
    line = (f"Excerpt {excerpt.id} · translation: {excerpt.translation} · document {excerpt.doc_id}, "
            f"characters {excerpt.start}–{excerpt.end}")
    line += " (cut)" if excerpt.cut else ""
    line += f" · capture sha256 {excerpt.sha256}" if excerpt.sha256 else ""
    _small(doc.add_paragraph(), line)


def _note(doc: Any, note: Note) -> None:
    para = doc.add_paragraph()
    para.add_run(f"[{roman(note.number)}] ").bold = True
    para.add_run(note.text)
    if note.title:
        para.add_run(" “")
        _text(para, note.title, note.title_language)
        para.add_run("”")
    tail = f", {note.outlet}" if note.outlet else ""
    tail += f" ({note.descriptor})" if note.outlet and note.descriptor else ""
    tail += f", {absolute_date(note.published)}" if note.published else ""
    para.add_run(tail)
    if note.url:
        para.add_run(", ")
        _url(para, note.url)
    if note.credibility:
        para.add_run(f" · credibility {note.credibility}")


def _labelled(doc: Any, label: str, value: str, *, link: bool = False) -> None:
    para = doc.add_paragraph()
    para.add_run(label).bold = True
    if link:
        _url(para, value)
    else:
        para.add_run(value)


def _text(paragraph: Any, text: str, language: str | None, *, whole_paragraph: bool = False) -> Any:
    """Add `text` as one run; right-to-left languages get w:rtl, the complex-script font and language."""
    run = paragraph.add_run(text)
    if is_rtl(language):
        _mark_rtl(run, language or "ar")
        if whole_paragraph:
            _mark_bidi(paragraph)
    return run


def _mark_rtl(run: Any, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run.font.rtl = True
    run.font.complex_script = True
    r_pr = run._r.get_or_add_rPr()
    _cs_font(r_pr, CS_FONTS.get(language.split("-")[0].lower(), ARABIC_FONT))
    lang = OxmlElement("w:lang")
    lang.set(qn("w:bidi"), language)
    r_pr.insert_element_before(lang, *_AFTER_LANG)


def _cs_font(r_pr: Any, name: str) -> None:
    from docx.oxml.ns import qn

    r_pr.get_or_add_rFonts().set(qn("w:cs"), name)


def _mark_bidi(paragraph: Any) -> None:
    """Right-to-left base direction: the paragraph starts at the right margin and reads leftwards."""
    from docx.oxml import OxmlElement

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


def _small(paragraph: Any, text: str) -> Any:
    """Small grey text for dates, provenance and excerpt ids: visible so they can be cited."""
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(*GREY)
    return run


def _url(paragraph: Any, url: str) -> None:
    """A clickable link for http(s) URLs; anything else is printed as plain text, never linked."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor


    target = safe_url(url)
    if target is None:
        paragraph.add_run(url)
        return
    # A relationship target is a URI: percent-encode non-ASCII (an Arabic slug) but keep existing escapes.
    uri = quote(target, safe=":/?#[]@!$&'()*+,;=%~")
    rel_id = paragraph.part.relate_to(uri, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = paragraph.add_run(url)
    run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
    run.font.underline = True
    link.append(run._r)      # moves the run from the paragraph into the hyperlink
    paragraph._p.append(link)
