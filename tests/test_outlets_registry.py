"""The outlet registry: bundled data, matching by address / handle / name, validation, the workspace overlay."""

import hashlib
import json
from xml.etree import ElementTree

import pytest
import yaml

from dragoman.demo import DEMO, manifest
from dragoman.errors import NotFound, WorkspaceError
from dragoman.outlets import DEFAULT_PATH, UNRATED, Outlet, Registry, RegistryError


@pytest.fixture(scope="module")
def reg():
    return Registry.load()


def test_every_scenario_outlet_has_the_analysts_descriptor(reg):
    expected = {
        "al-Araby al-Jadeed": "Qatari-aligned daily",
        "The New Arab": "English-language sister of al-Araby al-Jadeed, Qatari-aligned",
        "Anadolu Agency": "Turkish state-run news agency",
        "Al Jazeera Arabic": "Qatari state-funded broadcaster",
        "Al Jazeera English": "Qatari state-funded broadcaster",
        "RIA Novosti": "Russian state news agency",
        "TASS": "Russian state news agency",
        "Sputnik Arabic": "Russian state-owned outlet",
        "Le Monde": "French daily of record",
        "Libya Observer": "Libyan news site",
        "Wall Street Journal": "US business daily",
    }
    for name, descriptor in expected.items():
        outlet = reg.match(name=name)
        assert outlet is not None and outlet.descriptor == descriptor, name
        assert outlet.reliability in "ABCDEF" and len(outlet.rationale) > 40
    mod = reg.match(url="https://t.me/mod_russia")
    assert mod.descriptor == "official channel of the Russian Ministry of Defence" and mod.type == "telegram channel"
    assert len(reg) >= 40


def test_every_demo_source_matches_an_outlet(reg):
    # Pages: by URL, by stated domain and by the outlet name the manifest gives, all the same outlet.
    for page in manifest():
        by_url = reg.match(url=page["url"])
        assert by_url is not None, page["file"]
        assert reg.match(source=page["domain"]) == by_url == reg.match(name=page["outlet"]), page["file"]
    # Feeds: every feed address, home page and title in the OPML; every link in the RSS and Atom files.
    opml = ElementTree.parse(str(DEMO / "feeds" / "watchlist.opml"))
    feeds = [o for o in opml.iter("outline") if o.get("xmlUrl")]
    assert len(feeds) == 17
    for feed in feeds:
        outlet = reg.match(url=feed.get("xmlUrl"))
        assert outlet is not None, feed.get("xmlUrl")
        assert reg.match(url=feed.get("htmlUrl")) == outlet, feed.get("htmlUrl")
        assert reg.match(name=feed.get("title")) in (outlet, reg.get(outlet.parent) if outlet.parent else None)
    for name in ("libyaobserver.rss.xml", "tass-ru.atom.xml"):
        text = (DEMO / "feeds" / name).read_text(encoding="utf-8")
        links = [e.text or e.get("href") for e in ElementTree.fromstring(text).iter()
                 if e.tag.rsplit("}", 1)[-1] == "link"]
        assert links and all(reg.match(url=link) is not None for link in links), name
    # The Telegram export: by the folder's handle and by the channel's own title.
    export = json.loads((DEMO / "telegram" / "mod_russia" / "result.json").read_text(encoding="utf-8"))
    assert reg.match(source="t.me/mod_russia").id == "mod-russia-telegram"
    assert reg.match(source="telegram:1113010403", name=export["name"]).id == "mod-russia-telegram"


@pytest.mark.parametrize("url, outlet_id", [
    ("https://www.alaraby.co.uk/politics/x", "al-araby-al-jadeed"),
    ("http://ALARABY.CO.UK:443/x", "al-araby-al-jadeed"),
    ("https://araby.co.uk/politics/x", "al-araby-al-jadeed"),                 # mirror
    ("https://english.alaraby.co.uk/news/x", "the-new-arab"),                 # the more specific subdomain wins
    ("https://www.alaraby.co.uk/english/news/x", "the-new-arab"),             # and the more specific section
    ("https://www.aa.com.tr/ar/arab-world/x/2973215", "anadolu"),
    ("https://www.aa.com.tr/ru/mir/x/1", "anadolu"),
    ("https://www.aa.com.tr/fr/afrique/x/1", "anadolu"),
    ("https://www.aa.com.tr/en/africa/x/1", "anadolu"),
    ("https://tass.com/politics/1681331", "tass"),
    ("https://m.ria.ru/20230822/liviya-1891389552.html", "ria-novosti"),
    ("https://arabic.sputniknews.com/x", "sputnik-arabic"),
    ("https://sputnikarabic.ae/x", "sputnik-arabic"),
    ("https://sputnikglobe.com/x", "sputnik"),
    ("https://arabic.rt.com/middle_east/1", "rt-arabic"),
    ("https://russian.rt.com/world/1", "rt"),
    ("https://ar.libyaobserver.ly/rss.xml", "libya-observer"),
    ("https://www.bbc.com/arabic/articles/c1", "bbc-arabic"),
    ("https://www.bbc.co.uk/russian/features-1", "bbc-russian"),
    ("https://www.bbc.com/news/world-africa-1", "bbc"),
    ("https://www.bbc.com/arabicx/1", "bbc"),                                 # a section is a whole path segment
    ("https://www.lemonde.fr/en/le-monde-africa/article/x", "le-monde"),
    ("https://english.aawsat.com/x", "asharq-al-awsat"),
    ("aljazeera.net", "al-jazeera-arabic"),
])
def test_domain_matching(reg, url, outlet_id):
    assert reg.match(url=url).id == outlet_id


@pytest.mark.parametrize("url", ["https://notaa.com.tr/ar/x", "https://alaraby.co.uk.example.com/x",
                                 "https://co.uk/x", "https://t.me/some_other_channel/5", "file:///tmp/x.html"])
def test_lookalike_and_unknown_addresses_match_nothing(reg, url):
    assert reg.match(url=url) is None


@pytest.mark.parametrize("handle", ["mod_russia", "@mod_russia", "MOD_Russia", "t.me/mod_russia",
                                    "https://t.me/mod_russia/31245", "https://t.me/s/mod_russia/31902"])
def test_telegram_handles(reg, handle):
    assert reg.match(telegram=handle).id == "mod-russia-telegram"


def test_sources_as_the_collectors_store_them(reg):
    assert reg.match(source="t.me/rybar").id == "rybar"
    assert reg.match(source="tass.ru").id == "tass"
    assert reg.match(source="local") is None and reg.match(source="telegram:42") is None
    # A URL wins over a name the document gives itself (a site republishing under another name).
    assert reg.match(url="https://www.libyahaber.com.tr/x", name="Anadolu Ajansı").id == "libya-haber"


@pytest.mark.parametrize("name, outlet_id", [
    ("العربي الجديد", "al-araby-al-jadeed"),
    ("العـــربي الجَدِيد", "al-araby-al-jadeed"),          # tatweel and harakat
    ("al araby al-jadeed", "al-araby-al-jadeed"),
    ("وكالة الاناضول", "anadolu"),                         # hamza seat folded
    ("ANADOLU AJANSI", "anadolu"),
    ("РИА НОВОСТИ", "ria-novosti"),
    ("риа новости", "ria-novosti"),
    ("ТАСС: Ливия", "tass"),                                # a section after the name
    ("Le Monde.fr - Afrique", "le-monde"),
    ("Yeni Safak", "yeni-safak"),
    ("yeni şafak", "yeni-safak"),
    ("سبوتنيك عربي", "sputnik-arabic"),
    ("Минобороны России", "mod-russia-telegram"),
    ("وزارة الدفاع الروسية", "russian-mod"),
    ("Aawsat.com", "asharq-al-awsat"),                      # a "name" that is really a domain
])
def test_names_in_any_script(reg, name, outlet_id):
    assert reg.match(name=name).id == outlet_id


def test_unknown_sources_are_unrated(reg):
    outlet, descriptor, grade = reg.describe("example.org", "https://www.example.org/news/1")
    assert (outlet, descriptor, grade) == (None, "unrated outlet: example.org", UNRATED)
    assert reg.describe("t.me/some_channel", "https://t.me/some_channel/7")[1:] == \
        ("unrated outlet: t.me/some_channel", "unrated")
    assert reg.describe("local", None, "Cyrenaica Weekly")[1] == "unrated outlet: Cyrenaica Weekly"
    found, descriptor, grade = reg.describe("sarabic.ae", "https://sarabic.ae/20230928/x.html")
    assert (found.id, descriptor, grade) == ("sputnik-arabic", "Russian state-owned outlet", "D")


def test_a_file_with_no_address_is_named_by_what_is_known_never_local(reg):
    from datetime import datetime, timezone

    from dragoman.analysis.sources import describe
    from dragoman.model import Capture, Document
    from dragoman.outlets.registry import source_label
    path = "/data/inbox/realtext/ar/dev-ar01-aawsat-2015-07-24.html"
    # a page saved to disk whose HTML states no address and no site name: only its file is known
    assert source_label("local", None, None, path) == "an unidentified outlet (file dev-ar01-aawsat-2015-07-24.html)"
    assert source_label("local", None) == "an unidentified source"
    assert source_label("local", None, "الوسط", path) == "الوسط"        # the name the page gives itself
    assert source_label("local", "https://www.alwasat.ly/news/1", None, path) == "alwasat.ly"
    assert source_label("telegram:42", None) == "telegram:42"               # an export's channel
    outlet, descriptor, grade = reg.describe("local", None, None, path)
    assert outlet is None and grade == UNRATED and "local" not in descriptor and "no address" in descriptor

    def saved(name: str) -> Document:
        capture = Capture(archive="a.warc.gz", offset=0, sha256="ab" * 32, length=10, content_type="text/html",
                          origin=f"/data/inbox/{name}", captured=datetime(2025, 1, 21, tzinfo=timezone.utc))
        return Document(id=name, source="local", text="…", capture=capture)

    first, second = describe(reg, saved("fr20.html")), describe(reg, saved("fr25.html"))
    assert (first.outlet, first.outlet_id) == ("an unidentified outlet (file fr20.html)", None)
    assert "local" not in first.outlet + first.descriptor
    assert reg.describe_document(saved("fr20.html"))[1] == first.outlet
    # a page that names itself keeps that name on show, and counts by its host
    named = Document(id="lt", source="libyatimes.example", outlet="The Libya Times",
                     url="https://libyatimes.example/news/1", text="…")
    shown = describe(reg, named)
    assert (shown.outlet, shown.family, shown.descriptor) == \
        ("The Libya Times", "libyatimes.example", "unrated outlet: libyatimes.example")
    # two files nothing identifies may be one outlet's: they count as one source
    assert first.family == second.family and first.outlet != second.outlet


def test_families_follow_parents(reg):
    assert reg.family("the-new-arab") == reg.family("al-araby-al-jadeed") == "al-araby-al-jadeed"
    assert reg.family("ria-novosti") == reg.family("sputnik-arabic") == "rossiya-segodnya"
    assert reg.family("mod-russia-telegram") == "russian-mod"
    assert reg.family("tass") == "tass" and reg.family("libya-haber") == "libya-haber"
    assert {o.id for o in reg if o.agency} >= {"anadolu", "tass", "ria-novosti", "reuters", "ap", "afp"}
    with pytest.raises(NotFound):
        reg.family("no-such-outlet")


def test_lookup_for_show(reg):
    assert reg.lookup("tass").id == "tass"
    assert reg.lookup("https://www.aa.com.tr/ar/").id == "anadolu"
    assert reg.lookup("@rybar").id == "rybar" and reg.lookup("РИА Новости").id == "ria-novosti"
    with pytest.raises(NotFound, match="no outlet has that id"):
        reg.lookup("example.org")


def test_idn_domains_match_in_either_form():
    entry = {"id": "primer", "name": "Primer", "type": "news site", "descriptor": "test site", "reliability": "F",
             "rationale": "Only here to test internationalised domain names.", "domains": ["пример.рф/новости"]}
    reg = Registry.build([entry], [])
    assert reg.match(url="https://пример.рф/новости/1").id == "primer"
    assert reg.match(url="https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1").id == "primer"
    assert reg.match(url="https://xn--e1afmkfd.xn--p1ai/новости/2").id == "primer"
    assert reg.match(url="https://пример.рф/спорт/1") is None


# ---------------------------------------------------------------- validation

GOOD = {"id": "cyrenaica-weekly", "name": "Cyrenaica Weekly", "type": "weekly", "descriptor": "Benghazi weekly",
        "reliability": "C", "rationale": "Local paper with reporters in Benghazi; new to us.",
        "domains": ["cyrenaica-weekly.ly"]}


def _overlay(tmp_path, entries):
    (tmp_path / "outlets.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return tmp_path / "outlets.yaml"


@pytest.mark.parametrize("change, field, words", [
    ({"reliability": "G"}, "reliability", "not an Admiralty grade"),
    ({"type": "tabloid"}, "type", "not a known outlet type"),
    ({"country": "XX"}, "country", "ISO 3166"),
    ({"country": "ly"}, "country", "ISO 3166"),
    ({"languages": ["arabic"]}, "languages", "ISO 639"),
    ({"domains": ["tass.com"]}, "domains", "already listed for outlet 'tass'"),
    ({"domains": ["WWW.Tass.ru/"]}, "domains", "already listed for outlet 'tass'"),
    ({"domains": ["not a domain"]}, "domains", "not a domain"),
    ({"domains": ["t.me/cyrenaica"]}, "domains", "list the channel under telegram"),
    ({"telegram": ["@mod_russia"]}, "telegram", "already listed for outlet 'mod-russia-telegram'"),
    ({"telegram": ["x"]}, "telegram", "not a Telegram channel handle"),
    ({"names": ["ТАСС"]}, "names", "already listed for outlet 'tass'"),
    ({"parent": "nobody"}, "parent", "no outlet has id 'nobody'"),
    ({"agency": "maybe"}, "agency", "Expected `bool`"),
    ({"country": False}, "country", "quote the value"),                 # `country: NO` in YAML 1.1
    ({"rationale": ""}, "rationale", "missing"),
    ({"grade": "B"}, "'grade'", "did you mean 'reliability'"),
    ({"id": "Cyrenaica Weekly"}, "id", "lower-case"),
])
def test_validation_errors_name_file_entry_and_field(tmp_path, change, field, words):
    path = _overlay(tmp_path, [{**GOOD, **change}])
    with pytest.raises(RegistryError) as caught:
        Registry.load(tmp_path)
    message = str(caught.value)
    assert str(path) in message and field in message and words in message, message
    assert "entry '" in message or "entry #1" in message
    assert isinstance(caught.value, WorkspaceError)     # the CLI's exit code 3: a workspace problem


def test_parent_loops_and_file_shape_are_reported(tmp_path):
    loop = [{**GOOD, "parent": "cyrenaica-daily"},
            {**GOOD, "id": "cyrenaica-daily", "name": "Cyrenaica Daily", "domains": [], "parent": "cyrenaica-weekly"}]
    _overlay(tmp_path, loop)
    with pytest.raises(RegistryError, match="loops back"):
        Registry.load(tmp_path)
    (tmp_path / "outlets.yaml").write_text("id: just-a-mapping\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="must be a YAML list"):
        Registry.load(tmp_path)
    (tmp_path / "outlets.yaml").write_text("- id: x\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"outlets.yaml: not valid YAML \(line \d+\)"):
        Registry.load(tmp_path)
    (tmp_path / "outlets.yaml").write_text("- just a string\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="entry #1: an entry must be a mapping"):
        Registry.load(tmp_path)


def test_bundled_file_has_no_duplicate_ids_and_all_fields_checked():
    raw = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids))
    with pytest.raises(RegistryError, match="used by an earlier entry"):
        Registry.build(raw + [raw[0]], [])


# ---------------------------------------------------------------- the workspace overlay

def test_overlay_overrides_bundled_entries_field_by_field(tmp_path):
    _overlay(tmp_path, [{"id": "libya-observer", "reliability": "D", "rationale": "Our desk's own view."}, GOOD])
    reg = Registry.load(tmp_path)
    lo = reg.get("libya-observer")
    assert (lo.reliability, lo.rationale, lo.descriptor) == ("D", "Our desk's own view.", "Libyan news site")
    assert reg.origins["libya-observer"] == str(tmp_path / "outlets.yaml")
    assert reg.match(url="https://www.cyrenaica-weekly.ly/a").id == "cyrenaica-weekly"
    assert Registry.load().get("libya-observer").reliability == "C"     # the bundled data is untouched


def test_add_and_edit_write_the_overlay_and_survive_reload(tmp_path):
    bundled_hash = hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
    reg = Registry.load(tmp_path)
    added = reg.add(Outlet(id="cyrenaica-weekly", name="Cyrenaica Weekly", type="weekly",
                           descriptor="Benghazi weekly", reliability="C", rationale="Local paper; new to us.",
                           names=("برقة الأسبوعية",), domains=("cyrenaica-weekly.ly",), country="LY"))
    assert reg.match(name="برقة الاسبوعية") == added                    # the index is refreshed in place
    edited = reg.edit("tass", reliability="D", domains=(*reg.get("tass").domains, "tass.ae"))
    assert edited.reliability == "D" and reg.match(url="https://tass.ae/x").id == "tass"

    path = tmp_path / "outlets.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# This workspace's outlets") and "برقة الأسبوعية" in text   # readable, not escaped
    on_disk = yaml.safe_load(text)
    assert [e["id"] for e in on_disk] == ["cyrenaica-weekly", "tass"]
    assert set(on_disk[1]) == {"id", "reliability", "domains"}          # only what changed is overridden
    assert list(tmp_path.iterdir()) == [path]                            # no temporary file left behind

    again = Registry.load(tmp_path)
    assert again.get("tass").reliability == "D" and again.get("tass").descriptor == "Russian state news agency"
    assert again.match(url="https://cyrenaica-weekly.ly/").country == "LY"
    assert hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest() == bundled_hash


def test_bad_add_or_edit_changes_nothing(tmp_path):
    reg = Registry.load(tmp_path)
    with pytest.raises(RegistryError, match="already in the registry"):
        reg.add(reg.get("tass"))
    with pytest.raises(RegistryError, match="field domains: 'ria.ru' is already listed for outlet 'ria-novosti'"):
        reg.add(Outlet(id="copycat", name="Copycat", type="news site", descriptor="x", reliability="E",
                       rationale="Copies RIA.", domains=("ria.ru",)))
    with pytest.raises(RegistryError, match="field reliability"):
        reg.edit("tass", reliability="Z")
    with pytest.raises(RegistryError, match="cannot be edited"):
        reg.edit("tass", id="tass2")
    with pytest.raises(NotFound):
        reg.edit("nobody", reliability="A")
    assert not (tmp_path / "outlets.yaml").exists() and reg.get("tass").reliability == "C"
    assert "copycat" not in reg


def test_writing_needs_a_workspace():
    with pytest.raises(WorkspaceError, match="no workspace"):
        Registry.load().edit("tass", reliability="D")


def test_a_conflict_blames_the_workspace_entry_not_the_bundled_one(tmp_path):
    # the-new-arab is indexed before tass, but the workspace override is what introduced the clash.
    path = _overlay(tmp_path, [{"id": "the-new-arab", "domains": ["newarab.com", "tass.com"]}])
    with pytest.raises(RegistryError) as caught:
        Registry.load(tmp_path)
    assert str(caught.value) == (f"{path}: entry 'the-new-arab': field domains: 'tass.com' is already listed "
                                 f"for outlet 'tass'")


def test_an_override_can_clear_a_bundled_field(tmp_path):
    reg = Registry.load(tmp_path)
    reg.edit("the-new-arab", parent=None, country=None)
    again = Registry.load(tmp_path)
    assert again.family("the-new-arab") == "the-new-arab" and again.get("the-new-arab").country is None
    assert "parent: null" in (tmp_path / "outlets.yaml").read_text(encoding="utf-8")
