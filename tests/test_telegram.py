import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, PAGES
from dragoman.errors import InputError
from dragoman.ingest.files import read_sidecar
from dragoman.ingest.items import IngestReport, Item, store_item, to_document
from dragoman.ingest.telegram import MESSAGE_TYPE, is_export, is_preview, read_export, read_preview_html
from dragoman.model import SuppliedTranslation

DEMO = Path(__file__).parents[1] / "src" / "dragoman" / "demo" / "telegram" / "mod_russia"
TELEGRAM = FIXTURES / "telegram"
BROKEN = TELEGRAM / "ChatExport_2023-10-02" / "result.json"      # Desktop's own folder name: no handle in it
PREVIEW_URL = "https://t.me/s/mod_russia"
UTC = timezone.utc


def _pairs() -> list[SuppliedTranslation]:
    pairs, notes = read_sidecar(DEMO / "result.en.tsv")
    assert not notes
    return pairs


def _demo(**kwargs) -> dict[int, Item]:
    found = list(read_export(DEMO, **kwargs))
    assert all(isinstance(f, Item) for f in found), found
    return {int(item.meta["message_id"]): item for item in found}


def _preview() -> list[Item | InputError]:
    return list(read_preview_html((TELEGRAM / "mod_russia_preview.html").read_bytes(), PREVIEW_URL))


def _errors(found) -> list[str]:
    return [str(f) for f in found if isinstance(f, InputError)]


# ---------------------------------------------------------------- the demo export


def test_demo_export_gives_one_item_per_text_message():
    items = _demo()
    assert list(items) == [31245, 31246, 31902, 31903, 32210]
    first = items[31245]
    assert first.origin == f"{DEMO / 'result.json'}#31245"
    assert first.url == "https://t.me/mod_russia/31245"          # the folder is named after the channel
    assert first.source == "t.me/mod_russia" and first.outlet == "Минобороны России"
    assert first.content_type == MESSAGE_TYPE and first.charset == "utf-8"
    assert first.meta["channel"] == "Минобороны России" and first.meta["channel_id"] == "1113010403"
    source = json.loads((DEMO / "result.json").read_text(encoding="utf-8"))["messages"][0]
    assert json.loads(first.raw) == source                        # the whole message, extra fields included
    assert first.raw == json.dumps(source, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_entity_lists_flatten_to_exactly_the_visible_text():
    items = _demo()
    assert items[31245].text == (
        "Российская военная делегация во главе с заместителем Министра обороны Российской Федерации Юнус-Беком "
        "Евкуровым прибыла с официальным визитом в Ливию\n\nВ Бенгази состоялась встреча российской делегации с "
        "командующим Ливийской национальной армией Халифой Хафтаром. Стороны обсудили вопросы взаимодействия в "
        "борьбе с международным терроризмом и другие направления двустороннего сотрудничества.\n\n"
        "#Ливия #МинобороныРоссии")
    last = items[32210]
    assert "стабилизации ситуации в Ливии.\n\nПодробнее на сайте\n\n#Ливия #Шойгу" in last.text
    assert "{" not in last.text and "text_link" not in last.text and "href" not in last.text
    assert last.meta["links"] == "https://function.mil.ru/news_page/world/more.htm?id=12484311"
    assert items[31903].text.startswith("Спасатели МЧС России")   # a plain string stays as it is


def test_metadata_forward_reply_edit_media():
    items = _demo()
    assert items[31246].meta["reply_to_message_id"] == "31245"
    assert items[31246].meta["edited"] == "2023-08-22T11:40:02+00:00"
    assert items[31903].meta["forwarded_from"] == "МЧС России"
    assert items[31245].meta["media"] == "photos/photo_1@22-08-2023_14-05-11.jpg"
    assert items[31245].meta["media_type"] == "photo"
    assert "forwarded_from" not in items[31245].meta and "reply_to_message_id" not in items[31245].meta
    assert "media" not in items[31903].meta and "links" not in items[31903].meta
    for item in items.values():
        assert all(isinstance(v, str) for v in item.meta.values())
        assert "date_zone" not in item.meta                       # date_unixtime is exact


def test_dates_are_timezone_aware_utc_from_unixtime():
    items = _demo()
    # The export's `date` is Moscow wall time (14:05:11); date_unixtime is the instant.
    assert items[31245].published == datetime(2023, 8, 22, 11, 5, 11, tzinfo=UTC)
    assert all(i.published.utcoffset().total_seconds() == 0 for i in items.values())


def test_analyst_translations_attach_to_the_messages_that_contain_them():
    stray = SuppliedTranslation("Этой фразы нет ни в одном сообщении.", "This sentence is in no message.")
    items = _demo(translations=_pairs() + [stray])
    assert {k: len(v.supplied_translations) for k, v in items.items()} == \
        {31245: 3, 31246: 2, 31902: 3, 31903: 2, 32210: 3}
    assert all(stray not in i.supplied_translations for i in items.values())
    assert items[31903].supplied_translations[0].english.startswith("Rescuers of Russia's Emergencies Ministry")
    assert all(not i.supplied_translations for i in _demo().values())


def test_rereading_gives_the_same_bytes_and_ids():
    first, again = _demo(), _demo()
    assert [i.raw for i in first.values()] == [i.raw for i in again.values()]
    ids = [to_document(i).id for i in first.values()]
    assert ids == [to_document(i).id for i in again.values()] and len(set(ids)) == len(ids)


def test_handle_argument_wins_and_is_checked(tmp_path):
    assert _demo(handle="@MoD_Official")[31245].url == "https://t.me/MoD_Official/31245"
    assert _errors(read_export(DEMO, handle="no spaces please")) == \
        [f"{DEMO / 'result.json'}: handle 'no spaces please' is not a Telegram username"]
    plain = tmp_path / "ChatExport_2023-10-02"              # Telegram Desktop's default folder name
    plain.mkdir()
    (plain / "result.json").write_bytes((DEMO / "result.json").read_bytes())
    item = next(iter(read_export(plain)))
    assert item.url is None and item.source == "telegram:1113010403"


# ---------------------------------------------------------------- broken exports


def test_broken_messages_are_named_and_the_rest_come_through():
    found = list(read_export(BROKEN.parent))
    items = {i.meta["message_id"]: i for i in found if isinstance(i, Item)}
    assert _errors(found) == [
        f"{BROKEN}#messages[2]: id is a string, not an integer",
        f"{BROKEN}#504: text is a number, not a string or list",
        f"{BROKEN}#507: date_unixtime 'soon' is not a Unix time",
        f"{BROKEN}#508: reply_to_message_id is a string, not an integer",
        f"{BROKEN}#messages[8]: message is a string, not an object",
    ]
    # 501 is a service message and 505 a photo with no caption: skipped without a word.
    assert list(items) == ["502", "506", "510"]
    assert items["502"].meta["views"] == "15230" and "reactions" not in items["502"].meta
    assert items["502"].meta["links"] == "https://libyan-redcrescent.example/derna-update"   # not plain links
    assert items["502"].text == ("Наводнение в Дерне: по данным Красного Полумесяца, число погибших превысило "
                                 "5000 человек.\n\nПодробнее: https://libya-herald.example/derna #Дерна")
    assert items["506"].published == datetime(2023, 9, 12, 10, 5, tzinfo=UTC)
    assert items["506"].meta["date_zone"] == "assumed UTC"
    assert items["506"].meta["media_type"] == "video_file" and "forwarded_from" not in items["506"].meta
    assert items["510"].meta["edited"] == "2023-09-12T12:30:00+00:00"
    assert items["510"].url is None and items["510"].source == "telegram:1987654321"


def test_truncated_json_is_one_error_with_its_position():
    path = TELEGRAM / "truncated.json"
    with pytest.raises(json.JSONDecodeError) as where:
        json.loads(path.read_text(encoding="utf-8"))
    assert _errors(read_export(path)) == \
        [f"{path}: not valid JSON (line {where.value.lineno}, column {where.value.colno})"]


@pytest.mark.parametrize("content, reason", [
    (b'{"name": "x", "chats": {"list": []}}', "not a Telegram export: no messages list"),
    (b'[{"messages": []}]', "not a Telegram export: no messages list"),
    (b'{"messages": {"id": 1}}', "not a Telegram export: no messages list"),
    (b'{"name": "\xcf\xf0\xe8"}', "not valid UTF-8 (byte 0xcf at offset 10)"),
    (b"", "not valid JSON (line 1, column 1)"),
    (b"[" * 100_000, "not valid JSON (nested too deeply)"),
    (b'{"messages": [' + b"1" * 5000 + b"]}", "not valid JSON (a number is too long)"),
])
def test_files_that_are_not_exports_get_one_named_error(tmp_path, content, reason):
    path = tmp_path / "result.json"
    path.write_bytes(content)
    assert _errors(read_export(path)) == [f"{path}: {reason}"]


def test_missing_export_and_empty_messages(tmp_path):
    assert _errors(read_export(tmp_path / "gone.json")) == [f"{tmp_path / 'gone.json'}: no such file"]
    assert _errors(read_export(tmp_path)) == [f"{tmp_path / 'result.json'}: no such file"]
    (tmp_path / "result.json").write_text('{"name": "x", "id": 1, "messages": []}', encoding="utf-8")
    assert list(read_export(tmp_path)) == []


def test_damaged_header_and_bad_unicode_cost_only_what_they_touch(tmp_path):
    path = tmp_path / "ChatExport_2023-10-02" / "result.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"name": ["not", "a", "name"], "id": 7, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1694505521", "text": "Первое \\ud800 сообщение"},
        {"id": 2, "type": "message", "date_unixtime": "1694505522", "text": "Второе сообщение"},
        {"id": 3, "type": "message", "date_unixtime": "99999999999999999", "text": "Третье"},
        {"id": 4, "type": "message", "date": "2023-13-45T99:00:00", "text": "Четвёртое"},
        {"id": 5, "type": "message", "text": [{"type": "bold"}]},
        {"id": 6, "text": "Без типа"},
    ]}).replace("\\\\ud800", "\\ud800"), encoding="utf-8")
    found = list(read_export(path))
    assert _errors(found) == [
        f"{path}: name is a list, not a string",
        f"{path}#1: message contains a lone surrogate escape (\\ud800-\\udfff), not valid Unicode",
        f"{path}#3: date_unixtime '99999999999999999' is out of range",
        f"{path}#4: date '2023-13-45T99:00:00' is not an ISO date",
        f"{path}#5: text part 0 is an object without a text string",
        f"{path}#6: message has no type",
    ]
    [item] = [f for f in found if isinstance(f, Item)]
    assert item.text == "Второе сообщение" and item.outlet is None and item.source == "telegram:7"


def test_lone_surrogate_in_the_channel_name_is_named(tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"name": "\\udc00", "id": 7, "messages": [{"id": 1, "type": "message", "text": "Да"}]}')
    found = list(read_export(path))
    assert _errors(found) == \
        [f"{path}: name contains a lone surrogate escape (\\ud800-\\udfff), not valid Unicode"]
    assert [i.text for i in found if isinstance(i, Item)] == ["Да"]


def test_is_export(tmp_path):
    assert is_export(DEMO) and is_export(DEMO / "result.json") and is_export(BROKEN)
    assert not is_export(TELEGRAM / "mod_russia_preview.html")
    assert not is_export(tmp_path) and not is_export(tmp_path / "missing.json")
    (tmp_path / "feed.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    assert not is_export(tmp_path / "feed.json")


# ---------------------------------------------------------------- t.me/s preview pages


def test_preview_page_messages():
    found = _preview()
    assert not _errors(found)
    items = {int(i.meta["message_id"]): i for i in found}
    assert list(items) == [31902, 31903, 31904]                 # 31899 is a service message, 31901 photo-only
    post = items[31902]
    assert post.url == "https://t.me/mod_russia/31902" and post.origin == f"{PREVIEW_URL}#31902"
    assert post.source == "t.me/mod_russia" and post.outlet == "Минобороны России"
    assert post.content_type == "text/html" and post.charset == "utf-8"
    assert post.text.startswith("❗️Делегация Минобороны России во главе с Юнус-Беком Евкуровым вновь посетила "
                                "Бенгази\n\nВ ходе встречи с Халифой Хафтаром")
    assert post.text.endswith("стихийного бедствия.\n\n#Ливия")
    assert post.published == datetime(2023, 9, 17, 15, 22, 47, tzinfo=UTC)
    assert post.meta["media_type"] == "photo"
    assert post.meta["media"] == "https://cdn4.telesco.pe/file/mod31902_yevkurov_haftar.jpg"
    assert post.raw.startswith(b'<div class="tgme_widget_message ') and b'data-post="mod_russia/31902"' in post.raw
    assert b"31903" not in post.raw                             # only this message's element
    assert [items[k].meta["views"] for k in items] == ["1200", "3000000", "312400"]
    assert items[31903].meta["forwarded_from"] == "МЧС России"
    reply = items[31904]
    assert reply.meta["reply_to_message_id"] == "31902"
    assert reply.text == "Подробности визита — на сайте Минобороны.\n#Ливия #МинобороныРоссии"   # not the quote
    assert reply.meta["links"] == "https://function.mil.ru/news_page/world/more.htm?id=12482290@egNews"


def test_preview_falls_back_to_og_title_and_names_bad_posts():
    page = (TELEGRAM / "mod_russia_preview.html").read_text(encoding="utf-8")
    page = page.replace("tgme_channel_info_header_title", "removed").replace('data-post="mod_russia/31903"',
                                                                             'data-post="mod_russia/latest"')
    found = list(read_preview_html(page.encode("utf-8"), PREVIEW_URL))
    assert _errors(found) == [f"{PREVIEW_URL}#'mod_russia/latest': data-post is not CHANNEL/NUMBER"]
    assert {i.outlet for i in found if isinstance(i, Item)} == {"Минобороны России"}


def test_preview_rereading_gives_the_same_bytes():
    assert [i.raw for i in _preview()] == [i.raw for i in _preview()]


def test_pages_that_are_not_previews():
    for raw in (b"", (PAGES / "ru-page.html").read_bytes()):
        found = list(read_preview_html(raw, "https://example.org/"))
        assert [f.reason for f in found] == \
            ["not a Telegram preview page: no div.tgme_widget_message with data-post"]


def test_is_preview():
    assert is_preview((TELEGRAM / "mod_russia_preview.html").read_bytes())
    assert not is_preview((PAGES / "ru-page.html").read_bytes()) and not is_preview(b"")


# ---------------------------------------------------------------- nothing but InputError escapes


def _check(found: list) -> None:
    for f in found:
        assert isinstance(f, (Item, InputError)), f
        if isinstance(f, Item):
            assert f.raw and f.text and f.text.strip()
            assert all(isinstance(v, str) for v in f.meta.values())
            assert f.published is None or f.published.utcoffset() is not None
            to_document(f)


_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | \
    st.sampled_from(["\ud800", "Шойгу \udfff", "1694505521", "2023-08-22T14:05:11", "text_link"])
_json = st.recursive(_leaves,
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                   max_size=4), max_leaves=10)
_KEYS = ["id", "type", "text", "date", "date_unixtime", "edited", "edited_unixtime", "views", "forwarded_from",
         "reply_to_message_id", "photo", "file", "media_type", "href"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_exports_only_ever_yield_input_errors(tmp_path_factory, data):
    export = json.loads((DEMO / "result.json").read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        target = data.draw(st.sampled_from(["header", "message", "entity"]))
        if target == "header":
            holder = export
            key = data.draw(st.sampled_from(["name", "id", "messages", "type"]))
        elif target == "message" and export.get("messages") and isinstance(export["messages"], list):
            holder = data.draw(st.sampled_from(export["messages"]))
            key = data.draw(st.sampled_from(_KEYS) | st.text(max_size=5))
        else:
            holder = export["messages"][0] if isinstance(export.get("messages"), list) and export["messages"] \
                else export
            parts = holder.get("text") if isinstance(holder, dict) else None
            holder = data.draw(st.sampled_from(parts)) if isinstance(parts, list) and parts else holder
            key = data.draw(st.sampled_from(["type", "text", "href"]))
        if not isinstance(holder, dict):
            continue
        if data.draw(st.booleans()):
            holder.pop(key, None)
        else:
            holder[key] = data.draw(_json)
    raw = json.dumps(export, ensure_ascii=data.draw(st.booleans())).encode("utf-8", "surrogatepass")
    if data.draw(st.booleans()):                            # and sometimes damage the bytes themselves
        cut = data.draw(st.integers(0, len(raw)))
        raw = raw[:cut] + data.draw(st.binary(max_size=8)) + raw[cut + data.draw(st.integers(0, 8)):]
    path = tmp_path_factory.getbasetemp() / "mutated" / "result.json"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(raw)
    _check(list(read_export(path)))


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=2000))
def test_random_bytes_as_an_export(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "random.json"
    path.write_bytes(raw)
    _check(list(read_export(path)))


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=3000) | st.text(max_size=500).map(str.encode))
def test_random_bytes_as_a_preview_page(raw):
    _check(list(read_preview_html(raw, PREVIEW_URL)))


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, 20_000), junk=st.binary(max_size=40) | st.sampled_from(
    [b"<br>", b"</div>", b'<div class="tgme_widget_message" data-post="x/1">', b"<!--", b"\x00", b"<time>"]))
def test_damaged_preview_pages(cut, junk):
    page = (TELEGRAM / "mod_russia_preview.html").read_bytes()
    cut = cut % len(page)
    _check(list(read_preview_html(page[:cut] + junk + page[cut + len(junk):], PREVIEW_URL)))


# ---------------------------------------------------------------- into the store


def test_stored_export_rereads_store_nothing_new(ws):
    first = IngestReport()
    statuses = [store_item(ws, item, first) for item in read_export(DEMO)]
    assert statuses == ["new"] * 5
    doc = ws.store.get_document(first.new[0])
    assert doc.url == "https://t.me/mod_russia/31245" and doc.source == "t.me/mod_russia"
    assert doc.published == datetime(2023, 8, 22, 11, 5, 11, tzinfo=UTC)
    assert doc.text.startswith("Российская военная делегация") and doc.meta["media_type"] == "photo"
    again = IngestReport()
    for item in read_export(DEMO):
        store_item(ws, item, again)
    assert again.new == [] and sorted(again.unchanged) == sorted(first.new)
    # Analyst translations arriving later update the same documents instead of adding new ones.
    later = IngestReport()
    for item in read_export(DEMO, translations=_pairs()):
        store_item(ws, item, later)
    assert later.new == [] and sorted(later.updated) == sorted(first.new)
    assert len(ws.store.get_document(first.new[0]).supplied_translations) == 3


def test_stored_preview_rereads_store_nothing_new(ws):
    first, again = IngestReport(), IngestReport()
    for item in _preview():
        store_item(ws, item, first)
    for item in _preview():
        store_item(ws, item, again)
    assert len(first.new) == 3 and again.new == [] and len(again.unchanged) == 3
    assert ws.store.get_document(first.new[0]).text.startswith("❗️Делегация")


def test_preview_posts_keep_their_text_through_the_pipeline(ws):
    from dragoman.runner import run_pending
    report = IngestReport()
    items = list(_preview())
    for item in items:
        store_item(ws, item, report)
    run = run_pending(ws)
    assert run.tally.failed == 0 and not run.tally.dropped
    for doc_id, item in zip(report.new, items):
        doc = ws.store.get_document(doc_id)
        assert doc.text == item.text and doc.language == "ru" and doc.sentences
