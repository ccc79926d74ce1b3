"""Charset detection for pages that lie about (or never state) their encoding."""

import pytest

from dragoman.errors import InputError
from dragoman.ingest.decode import html_charset, plausibility

RUSSIAN = ("МОСКВА, 28 сентября. Министр обороны России Сергей Шойгу провёл переговоры с командующим "
           "Ливийской национальной армией Халифой Хафтаром. Стороны обсудили ситуацию в Ливии и перспективы "
           "военного сотрудничества, сообщили в Минобороны.")
ARABIC = ("التقى اللواء المتقاعد خليفة حفتر، قائد ما يسمى الجيش الوطني الليبي، الرئيس الروسي فلاديمير بوتين "
          "في الكرملين أمس الخميس، وبحث الجانبان تطورات الأوضاع في ليبيا والتعاون العسكري بين البلدين.")
FRENCH = ("Le ministre a déclaré mercredi que la réunion prévue à Benghazi avait été reportée à la semaine "
          "prochaine, à cause d'une grève générale. Où en est-on ?")

# (text, the bytes' real encoding, the name html_charset should answer)
LEGACY = [(RUSSIAN, "cp1251", "windows-1251"), (RUSSIAN, "koi8-r", "koi8-r"), (ARABIC, "cp1256", "windows-1256")]
# Labels a page may carry: none, a wrong one, a right one. The wrong ones include charsets that decode
# every byte without error (iso-8859-1, windows-1252, koi8-r...), so only a look at the text catches them.
LABELS = [None, "utf-8", "iso-8859-1", "windows-1252", "windows-1251", "koi8-r", "windows-1256", "utf-16",
          "no-such-charset"]


def page(text: str, label: str | None, http_equiv: bool = False) -> str:
    if label is None:
        head = ""
    elif http_equiv:
        head = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    else:
        head = f'<meta charset="{label}">'
    return (f"<!DOCTYPE html><html><head>{head}<title>{text.split()[0]}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><p>{text}</p><p>{text}</p></article></body></html>")


@pytest.mark.parametrize("text,encoding,expected", LEGACY)
@pytest.mark.parametrize("label", LABELS)
def test_legacy_cyrillic_and_arabic_pages_are_read_right_whatever_the_label(text, encoding, expected, label):
    html = page(text, label)
    data = html.encode(encoding)
    charset = html_charset("page.html", data)
    if label is not None and label.replace("windows-", "cp") == encoding.replace("windows-", "cp"):
        assert charset == label                          # a true label is kept as written
    else:
        assert charset == expected
    assert data.decode(charset) == html


@pytest.mark.parametrize("text,encoding,expected", LEGACY)
def test_http_equiv_declaration_is_read_and_checked(text, encoding, expected):
    right = page(text, expected, http_equiv=True).encode(encoding)
    wrong = page(text, "iso-8859-1", http_equiv=True).encode(encoding)
    assert html_charset("p", right) == expected
    assert html_charset("p", wrong) == expected


def test_cp1251_labelled_latin1_decodes_without_error_but_is_caught():
    data = page(RUSSIAN, "iso-8859-1").encode("cp1251")
    soup = data.decode("iso-8859-1")                     # no error: every byte is a Latin-1 character
    assert "Ìèíèñòð" in soup and plausibility(soup) < 0.5
    assert html_charset("p", data) == "windows-1251"


def test_koi8r_and_cp1251_swap_case_when_confused():
    koi8 = page(RUSSIAN, "windows-1251").encode("koi8-r")
    as_cp1251 = koi8.decode("cp1251")
    assert "Ч мЙЧЙЙ" in as_cp1251 and plausibility(as_cp1251) < 0.5      # "в Ливии", case swapped
    assert html_charset("p", koi8) == "koi8-r"
    cp1251 = page(RUSSIAN, "koi8-r").encode("cp1251")
    assert plausibility(cp1251.decode("koi8-r")) < 0.5 and html_charset("p", cp1251) == "windows-1251"


def test_arabic_read_as_cyrillic_or_latin_is_implausible():
    data = ARABIC.encode("cp1256")
    assert plausibility(data.decode("cp1256")) == 1.0
    for wrong in ("cp1251", "koi8-r", "cp1252", "latin-1"):
        assert plausibility(data.decode(wrong, errors="replace")) < 0.5, wrong


@pytest.mark.parametrize("label", [None, "utf-8", "UTF-8", "windows-1251", "koi8-r", "iso-8859-1"])
def test_valid_utf8_wins_over_any_label(label):
    html = page(RUSSIAN + " " + ARABIC, label)
    expected = "utf-8" if label is None or label.lower() != "utf-8" else label.lower()
    assert html_charset("p", html.encode("utf-8")) == expected


def test_utf8_page_with_kana_and_kanji_font_names_stays_utf8():
    html = '<style>body{font-family:"ヒラギノ角ゴ Pro W3","ＭＳ Ｐゴシック",メイリオ}</style><p>Plain English.</p>'
    assert html_charset("p", html.encode("utf-8")) == "utf-8"
    assert plausibility("ヒラギノ角ゴ ＭＳＰゴシック 日本語") == 1.0


def test_western_pages_keep_their_true_label():
    for label, encoding in (("windows-1252", "cp1252"), ("iso-8859-1", "latin-1")):
        data = page(FRENCH, label).encode(encoding)
        assert html_charset("p", data) == label
    assert html_charset("p", page(FRENCH, None).encode("cp1252")) == "windows-1252"


def test_ascii_pages_keep_a_usable_label_and_ignore_a_bogus_one():
    assert html_charset("p", page("Plain text.", "iso-8859-1").encode()) == "iso-8859-1"
    assert html_charset("p", page("Plain text.", "utf-16").encode()) == "utf-8"
    assert html_charset("p", page("Plain text.", "x-unheard-of").encode()) == "utf-8"
    assert html_charset("p", page("Plain text.", None).encode()) == "utf-8"


def test_byte_order_mark_decides():
    assert html_charset("p", "\ufeff<p>Москва</p>".encode("utf-8")) == "utf-8-sig"
    assert html_charset("p", "<p>Москва</p>".encode("utf-16")) == "utf-16"


def test_plausibility_of_real_text_is_high():
    for text in (RUSSIAN, ARABIC, FRENCH, "Größe für Ärger", "Plain ASCII only"):
        assert plausibility(text) >= 0.9, text


def test_undecodable_bytes_raise_a_clear_error(monkeypatch):
    import charset_normalizer
    data = bytes(range(0x80, 0x100)) * 4             # not UTF-8; legacy charsets leave gaps or give soup
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda _: type("R", (), {"best": lambda self: None})())
    try:
        charset = html_charset("junk.html", data)
    except InputError as exc:
        assert "junk.html" in str(exc) and "encoding" in str(exc)
    else:
        data.decode(charset)                          # whatever was chosen must at least decode
