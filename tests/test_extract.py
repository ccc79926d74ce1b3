"""The extract stage on realistic broken pages: what must and must not survive, and which path won."""

import pytest
import trafilatura

from dragoman.ingest.decode import html_charset
from dragoman.model import Document
from dragoman.pipeline import REGISTRY, Skip, _discover
from dragoman.settings import Settings
from dragoman.stages import extract as extract_module
from dragoman.stages.extract import (
    _drop_scripts,
    _flat,
    _parse,
    add_chunks,
    density_pick,
    density_text,
    prune,
    stands_alone,
    wrap_loose_text,
)

UNCLOSED = """<html lang="ru">
<head>
<meta charset="utf-8">
<title>Шойгу провёл переговоры с Хафтаром — Новости</title>
<meta property="og:site_name" content="Вести Востока">
<meta property="article:published_time" content="2023-09-28T12:40:00+03:00">
</head>
<body>
<div class="top-menu"><a href="/">Главная</a> | <a href="/politics">Политика</a> | <a href="/world">В мире</a>
<div class="content-wrap">
<h1>Шойгу провёл переговоры с Хафтаром</h1>
<p>МОСКВА, 28 сентября. Министр обороны России Сергей Шойгу провёл в Москве переговоры с командующим Ливийской национальной армией Халифой Хафтаром, сообщили в Минобороны.
<p>Стороны обсудили ситуацию в Ливии и в регионе, а также перспективы военного сотрудничества. Хафтар прибыл в российскую столицу накануне по приглашению министерства обороны.
<p>По данным ведомства, встреча прошла в конструктивной атмосфере. Ранее в Бенгази дважды побывал заместитель министра обороны Юнус-Бек Евкуров, который обсуждал с Хафтаром <b>поставки вооружений и <i>подготовку кадров</b>.
<p>Эксперты отмечают, что Москва стремится закрепить своё присутствие на востоке Ливии, в том числе на авиабазах Эль-Хадим и Эль-Джуфра.
<div class="footer">© 2023 Вести Востока. Все права защищены. <a href="/about">О проекте</a> <a href="/ads">Реклама</a>
</body>
</html>
"""

BOILERPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Wagner fighters moved to Al-Khadim air base, satellite images show | Libya Monitor</title>
<meta property="og:site_name" content="Libya Monitor">
<meta name="author" content="Sara Haddad">
<meta property="article:published_time" content="2023-10-02T08:00:00Z">
</head>
<body>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/security">Security</a></li><li><a href="/economy">Economy</a></li></ul></nav></header>
<div id="cookie-consent">We use cookies to improve your experience. <a href="/privacy">Privacy policy</a> <button>Accept all</button></div>
<div class="ad-slot ad-leaderboard">Advertisement: Fly to Tunis from 99 EUR with SkyWings</div>
<main>
<article>
<h1>Wagner fighters moved to Al-Khadim air base, satellite images show</h1>
<div class="byline">By Sara Haddad, security correspondent</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<p>Satellite images taken last week show new fortifications and at least four transport aircraft at the Al-Khadim air base east of Benghazi, a facility long associated with Russian military contractors.</p>
<p>Analysts who reviewed the images said the runway had been extended and that new hangars appeared between August and September, shortly after two visits to Benghazi by Russia's deputy defence minister, Yunus-Bek Yevkurov.</p>
<figure><img src="/img/khadim.jpg"><figcaption>Al-Khadim air base on 24 September. Photo: Planet Labs</figcaption></figure>
<p>The Libyan National Army, which controls the base, did not respond to a request for comment. Officials in Moscow have denied that regular Russian forces are deployed in eastern Libya.</p>
<div class="newsletter-signup"><h3>Get the Libya Monitor briefing</h3><p>Sign up for our daily newsletter and never miss a story from North Africa again.</p><input type="email"><button>Subscribe</button></div>
<p>Diplomats in Tripoli said the build-up could complicate United Nations efforts to organise elections, which have been postponed repeatedly since December 2021.</p>
</article>
<aside class="related-articles"><h3>Related stories</h3><ul><li><a href="/1">Derna floods: death toll rises again</a></li><li><a href="/2">Oil output recovers at Sharara field</a></li><li><a href="/3">Haftar meets Putin in Moscow</a></li></ul></aside>
</main>
<section id="comments" class="comments-area">
<h3>23 comments</h3>
<div class="comment"><span class="comment-author">benghazi_boy</span><p>This is what happens when nobody in the international community pays attention to Libya for years and years.</p></div>
<div class="comment"><span class="comment-author">Observer77</span><p>Fake news, these pictures are old and everybody who has been to the base knows it very well.</p></div>
</section>
<footer class="site-footer"><p>© 2023 Libya Monitor. All rights reserved.</p><a href="/about">About us</a> <a href="/contact">Contact</a></footer>
</body>
</html>
"""

DIV_STORY = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>فيضانات درنة: حصيلة جديدة للضحايا</title>
<meta property="og:title" content="فيضانات درنة: حصيلة جديدة للضحايا">
<meta property="og:site_name" content="بوابة الوسط">
</head>
<body>
<div id="page">
 <div class="masthead"><a href="/"><img src="logo.png" alt="بوابة الوسط"></a>
   <ul class="menu"><li><a href="/">الرئيسية</a></li><li><a href="/libya">ليبيا</a></li><li><a href="/world">العالم</a></li><li><a href="/sport">رياضة</a></li></ul></div>
 <div class="col-left">
   <div class="box most-read"><h4>الأكثر قراءة</h4><ul><li><a href="/x">أسعار الذهب اليوم</a></li><li><a href="/y">نتائج الدوري</a></li></ul></div>
 </div>
 <div class="col-main">
   <div class="story-body">
     <h2 class="headline">فيضانات درنة: حصيلة جديدة للضحايا</h2>
     <span class="date">الخميس 21 سبتمبر 2023</span>
     <div class="txt">
       أعلنت السلطات في شرق ليبيا، اليوم الخميس، حصيلة جديدة لضحايا الفيضانات التي اجتاحت مدينة درنة، مؤكدة أن فرق الإنقاذ ما زالت تبحث عن آلاف المفقودين تحت الأنقاض وفي البحر.
       <br><br>
       وقال المتحدث باسم لجنة الطوارئ إن انهيار سدّين قرب المدينة أدى إلى جرف أحياء كاملة، وإن المياه حملت السيارات والمنازل إلى البحر خلال ساعات قليلة من الليل.
       <br><br>
       ووصلت إلى المدينة قوافل مساعدات من مصر وتونس والجزائر، فيما أرسلت دول أوروبية فرقاً متخصصة في البحث والإنقاذ ومستشفيات ميدانية لمساعدة السكان المتضررين.
       <br><br>
       وطالبت منظمات دولية بفتح تحقيق مستقل في أسباب انهيار السدين، بعد تقارير عن تحذيرات سابقة من خبراء بشأن حالتهما وضرورة صيانتهما بشكل عاجل.
     </div>
   </div>
   <div class="tags"><a href="/t/derna">درنة</a> <a href="/t/floods">فيضانات</a></div>
 </div>
</div>
<div class="bottom">جميع الحقوق محفوظة © بوابة الوسط 2023</div>
</body>
</html>
"""

COMMENT_INSIDE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="fr">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>La Russie renforce sa présence en Libye</title></head>
<body>
<div id="contenu"><h1>La Russie renforce sa présence en Libye</h1>
<p>Selon plusieurs diplomates, <!-- pub:inline -->Moscou aurait livré du matériel militaire à la base d'Al-Khadim<!-- /pub --> au cours de l'été, malgré l'embargo sur les armes décrété par les Nations unies.</p>
<p>Le vice-ministre russe de la Défense, Iounous-Bek Ievkourov, s'est rendu deux fois à Benghazi en août et en septembre pour y rencontrer le maréchal Khalifa Haftar.</p>
<p>Les autorités de Tripoli ont dénoncé une « ingérence étrangère » et demandé des explications à l'ambassadeur de Russie.</p>
</div>
</body></html>
"""

CHUNKED = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Inside the race for Libya's oil crescent | The Long Read</title></head>
<body>
<nav><a href="/">Home</a> <a href="/longreads">Long reads</a></nav>
<main>
<article class="story">
<h1>Inside the race for Libya's oil crescent</h1>
<div class="story__chunks">
  <div class="grid--item body article__body">
    <p>The road from Ajdabiya to Ras Lanuf runs for two hundred kilometres along the Gulf of Sirte, past terminals that once shipped a fifth of Libya's crude and now stand half idle behind sand berms and checkpoints.</p>
    <p>Control of this coast has changed hands six times since 2011. Each time, the new masters promised that the oil would flow again and that the revenue would be shared fairly between east and west.</p>
    <p>For the workers who live in the prefabricated camps beside the tanks, the promises have become a kind of weather: something that changes often, and that nobody can do very much about.</p>
  </div>
  <div class="ad-container">Advertisement</div>
  <div class="grid--item body article__body">
    <p>In the spring, foreign engineers returned to Es Sider for the first time in three years. They found pipelines corroded by salt and pumps stripped for parts, and estimated that repairs would take at least eighteen months.</p>
    <p>Local commanders insist the security situation has never been better. Yet every convoy still travels with an armed escort, and the drivers say they pay a fee at every checkpoint between the terminals.</p>
    <p>Whether the current truce holds may depend less on the politicians in Tripoli and Benghazi than on the men who guard the valves, and on who pays them at the end of each month.</p>
  </div>
</div>
</article>
</main>
<footer>© 2023 The Long Read</footer>
</body>
</html>
"""

BULLETIN = """<html><head><title>Bulletin</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="live"><ul>
<li>08:10 Explosions reported near Mitiga airport in Tripoli; flights suspended until further notice.</li>
<li>09:35 The Government of National Unity says the situation is under control and calls for calm.</li>
<li>11:02 UN mission expresses deep concern and urges all parties to respect the ceasefire agreement.</li>
</ul></div></body></html>"""

NO_BODY = [
    "<html><head><title></title></head><body><nav>Menu</nav></body></html>",
    '<html><head><title>Loading…</title><script>window.location = "/app";</script></head>'
    '<body><nav><a href="/">Menu</a></nav></body></html>',
    "<html><head><title>Empty</title></head><body></body></html>",
    "<html><head><title>Only a head</title>"
    "<meta name='description' content='A page with no body at all'></head></html>",
]


@pytest.fixture(scope="module")
def extract():
    _discover()
    return REGISTRY["extract"].build(Settings())


def run(extract, html: str, encoding: str = "utf-8", url: str | None = None) -> Document:
    raw = html.encode(encoding)
    doc = Document(id="t", source="test", url=url, raw=raw, content_type="text/html",
                   meta={"charset": html_charset("page.html", raw)})
    return extract(doc)


def test_unclosed_tags_keep_every_paragraph_and_drop_menu_and_footer(extract):
    doc = run(extract, UNCLOSED)
    assert doc.meta["extractor"].startswith("trafilatura")
    lines = doc.text.split("\n")
    assert len(lines) == 4 and lines[0].startswith("МОСКВА, 28 сентября.")
    assert "поставки вооружений и подготовку кадров" in doc.text          # mis-nested <b><i> keeps its words
    assert lines[-1].endswith("Эль-Хадим и Эль-Джуфра.")
    for junk in ("Главная", "Политика", "Все права защищены", "Реклама"):
        assert junk not in doc.text
    assert doc.title == "Шойгу провёл переговоры с Хафтаром" and doc.outlet == "Вести Востока"
    assert doc.published.isoformat() == "2023-09-28T12:40:00+03:00"
    assert doc.meta["declared_language"] == "ru" and doc.meta["published_from"] == "meta:article:published_time"


def test_navigation_ads_related_links_and_comments_are_left_out(extract):
    doc = run(extract, BOILERPLATE)
    assert doc.meta["extractor"] == "density"      # trafilatura kept leftovers; our pick is the same, tighter
    assert doc.text.startswith("Satellite images taken last week")
    assert doc.text.endswith("postponed repeatedly since December 2021.")
    assert "Yunus-Bek Yevkurov" in doc.text and "did not respond to a request for comment" in doc.text
    for junk in ("Home", "cookies", "Advertisement", "SkyWings", "By Sara Haddad", "Share on", "Planet Labs",
                 "newsletter", "Subscribe", "Related stories", "Derna floods", "23 comments", "benghazi_boy",
                 "Fake news", "All rights reserved", "Contact"):
        assert junk not in doc.text, junk
    assert doc.title == "Wagner fighters moved to Al-Khadim air base, satellite images show"
    assert doc.meta["author"] == "Sara Haddad" and doc.meta["sitename"] == "Libya Monitor"


def test_article_in_a_plain_div_with_line_breaks(extract):
    doc = run(extract, DIV_STORY)
    # no <p> at all: our first pick has nothing to vote with; the second wraps the loose lines into paragraphs
    assert doc.meta["extractor"] == "density-second"
    for sentence in ("أعلنت السلطات في شرق ليبيا", "انهيار سدّين قرب المدينة", "قوافل مساعدات من مصر",
                     "بفتح تحقيق مستقل"):
        assert sentence in doc.text
    for junk in ("الأكثر قراءة", "أسعار الذهب", "رياضة", "جميع الحقوق محفوظة", "فيضانات\n"):
        assert junk not in doc.text, junk
    lines = doc.text.split("\n")
    assert all(line == line.strip() and line for line in lines)          # <br> indentation is not kept
    assert doc.title == "فيضانات درنة: حصيلة جديدة للضحايا" and doc.outlet == "بوابة الوسط"
    assert not doc.text.startswith(doc.title)                              # the headline is not repeated


def test_html_comment_inside_a_paragraph_does_not_cut_it(extract):
    doc = run(extract, COMMENT_INSIDE)                    # also: XHTML with an <?xml encoding?> line
    sentence = ("Selon plusieurs diplomates, Moscou aurait livré du matériel militaire à la base d'Al-Khadim au "
                "cours de l'été, malgré l'embargo")
    assert doc.meta["extractor"] == "density"            # every paragraph is in our pick: no second opinion
    assert sentence in doc.text
    # trafilatura, when it is asked, gets the tree without comments too
    theirs = trafilatura.bare_extraction(_parse(COMMENT_INSIDE), fast=True, include_comments=False)
    assert sentence in " ".join(theirs.text.split())
    assert "pub:inline" not in doc.text and doc.meta["declared_language"] == "fr"


def test_article_cut_into_chunks_keeps_them_all(extract):
    doc = run(extract, CHUNKED)
    assert doc.text.startswith("The road from Ajdabiya") and doc.text.endswith("at the end of each month.")
    assert "Es Sider" in doc.text and "Advertisement" not in doc.text and "Long reads" not in doc.text


def test_add_chunks_brings_back_same_class_siblings_in_place():
    tree = _parse(CHUNKED)
    prune(tree)
    first = "\n".join(p.text_content().strip() for p in tree.xpath("(//div[@class])[2]//p"))
    assert first.startswith("The road from Ajdabiya") and "Es Sider" not in first
    whole = add_chunks(tree, first)
    assert whole is not None and whole.startswith(first + "\n") and whole.endswith("at the end of each month.")
    assert len(whole.split("\n")) == 6 and "Advertisement" not in whole
    assert add_chunks(tree, whole) is None                       # nothing left to add


def test_add_chunks_does_not_pull_in_the_next_story():
    endless = CHUNKED.replace('<div class="grid--item body article__body">\n    <p>In the spring',
                              '<div class="grid--item body article__body"><article><h1>Next story</h1>\n    '
                              '<p>In the spring')
    tree = _parse(endless)
    prune(tree)
    first = "\n".join(p.text_content().strip() for p in tree.xpath("(//div[@class])[2]//p"))
    assert add_chunks(tree, first) is None


def test_density_prefers_the_article_block_to_the_link_lists():
    tree = _parse(BOILERPLATE)
    prune(tree)
    text = density_text(tree)
    assert text.startswith("Satellite images") and "Related stories" not in text and "benghazi_boy" not in text


def test_a_notice_instead_of_the_article_loses_to_the_density_pick(extract, monkeypatch):
    monkeypatch.setattr(extract_module, "stands_alone", lambda *args: False)      # ask trafilatura
    notice = type("Result", (), {"text": "This copy is for your personal, non-commercial use only. To order "
                                         "presentation-ready copies visit our reprints desk."})()
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: notice)
    doc = run(extract, BOILERPLATE)
    assert doc.meta["extractor"] == "density" and "personal, non-commercial" not in doc.text
    assert doc.text.startswith("Satellite images taken last week")


def test_when_trafilatura_finds_nothing_the_fallbacks_take_over(extract, monkeypatch):
    monkeypatch.setattr(extract_module, "stands_alone", lambda *args, **kwargs: False)
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    doc = run(extract, BOILERPLATE)
    assert doc.meta["extractor"] == "density" and "Yevkurov" in doc.text
    doc = run(extract, BULLETIN)                                 # no <p>: list items only
    assert doc.meta["extractor"] == "paragraphs"
    assert doc.text.startswith("08:10 Explosions") and "Home" not in doc.text and "News\n" not in doc.text
    doc = run(extract, DIV_STORY)                                # text straight in a <div>
    assert doc.meta["extractor"] == "baseline" and "أعلنت السلطات في شرق ليبيا" in doc.text


@pytest.mark.parametrize("html", NO_BODY)
def test_page_with_no_main_text_is_skipped(extract, html):
    with pytest.raises(Skip, match="no main text"):
        run(extract, html)


def test_legacy_charset_with_a_wrong_label_is_read_right(extract):
    page = DIV_STORY.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    doc = run(extract, page, encoding="cp1256")
    assert doc.meta["charset"] == "windows-1256" and "أعلنت السلطات في شرق ليبيا" in doc.text


def test_text_and_markdown_pass_through(extract):
    doc = Document(id="t", source="test", text="Already text.", content_type="text/plain")
    assert extract(doc).text == "Already text." and "extractor" not in doc.meta


# -- when trafilatura is asked: our pick stands alone only when nothing of the article can lie elsewhere ------

def _trafilatura_calls(monkeypatch) -> list[str]:
    """The modes trafilatura is run in, in order (it still runs)."""
    calls: list[str] = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append("precision" if kwargs.get("favor_precision") else "recall" if kwargs.get("favor_recall")
                     else "fast")
        return real(*args, **kwargs)
    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    return calls


# UNCLOSED with its menu closed: unclosed <p>s and footer, every paragraph in one block
UNCLOSED_MENU_CLOSED = UNCLOSED.replace('<a href="/world">В мире</a>\n', '<a href="/world">В мире</a></div>\n')

ARABIC_TWO_PLACES = """<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>حفتر في موسكو</title></head>
<body>
<div class="main-col">
<h1>حفتر يلتقي وزير الدفاع الروسي في موسكو</h1>
<div class="article-text">
<p>التقى المشير خليفة حفتر، قائد قوات شرق ليبيا، وزير الدفاع الروسي في موسكو، وبحث الجانبان التعاون العسكري والوضع في ليبيا، بحسب بيان لوزارة الدفاع الروسية.
<p>وقال البيان إن اللقاء تناول أيضاً تدريب العسكريين الليبيين وتوريد المعدات، من دون أن يذكر تفاصيل إضافية عن الاتفاقات التي جرى بحثها خلال الزيارة.
<p>وكان نائب وزير الدفاع الروسي يونس بك يفكوروف قد زار بنغازي مرتين خلال الصيف، والتقى حفتر في مقر قيادته في الرجمة، وفق مصادر ليبية.
</div>
</div>
<div class="col-2">
<div class="box">
<p>وفي طرابلس، دعت حكومة الوحدة الوطنية إلى احترام قرار حظر توريد الأسلحة إلى ليبيا، وطالبت مجلس الأمن الدولي بالتحقيق في أي شحنات عسكرية تصل إلى الموانئ والقواعد الجوية في شرق البلاد.</p>
</div>
</div>
</body></html>
"""


def test_a_pick_holding_every_paragraph_stands_without_trafilatura(extract, monkeypatch):
    calls = _trafilatura_calls(monkeypatch)
    doc = run(extract, UNCLOSED_MENU_CLOSED)
    assert calls == [] and doc.meta["extractor"] == "density"
    assert doc.text.startswith("МОСКВА, 28 сентября.") and doc.text.endswith("Эль-Хадим и Эль-Джуфра.")
    assert "поставки вооружений и подготовку кадров" in doc.text and len(doc.text.split("\n")) == 4
    for junk in ("Главная", "Политика", "Все права защищены", "Реклама"):
        assert junk not in doc.text, junk


def test_a_paragraph_outside_our_pick_asks_trafilatura(extract, monkeypatch):
    tree = _parse(ARABIC_TWO_PLACES)
    prune(tree)
    own, _ = density_pick(tree)
    assert own.startswith("التقى المشير خليفة حفتر") and "حكومة الوحدة الوطنية" not in own
    assert not stands_alone(tree, own)
    calls = _trafilatura_calls(monkeypatch)
    doc = run(extract, ARABIC_TWO_PLACES)
    assert calls[0] == "fast" and doc.meta["extractor"] != "density"
    assert "يونس بك يفكوروف" in doc.text


def test_a_line_break_between_two_words_parts_them_in_our_text(extract, monkeypatch):
    calls = _trafilatura_calls(monkeypatch)
    glued = UNCLOSED_MENU_CLOSED.replace("Хафтаром, сообщили в Минобороны.", "Хафтаром,<br>сообщили в Минобороны.")
    doc = run(extract, glued)
    assert calls == [] and doc.meta["extractor"] == "density"
    assert "Хафтаром, сообщили" in doc.text                 # not "Хафтаром,сообщили"
    spaced = UNCLOSED_MENU_CLOSED.replace("Хафтаром, сообщили в Минобороны.", "Хафтаром,<br>\nсообщили в Минобороны.")
    assert run(extract, spaced).text == doc.text


# DIV_STORY with a second column of loose text that our second pick does not hold: it cannot stand alone.
DIV_STORY_TWO_COLUMNS = DIV_STORY.replace(
    '<div class="col-left">',
    '<div class="col-left"><div class="note">وفي سياق منفصل، قالت وزارة الصحة في طرابلس إن المستشفيات في المنطقة '
    'الغربية استقبلت عشرات المصابين جراء الأمطار الغزيرة التي هطلت خلال الليل.</div>')


def test_a_page_with_nothing_of_ours_skips_the_fast_pass(extract, monkeypatch):
    calls = _trafilatura_calls(monkeypatch)
    doc = run(extract, DIV_STORY_TWO_COLUMNS)          # no paragraph: fast mode could never agree with us
    assert calls == ["precision"] and doc.meta["extractor"] == "trafilatura-precision"
    assert "أعلنت السلطات في شرق ليبيا" in doc.text


def test_loose_lines_become_paragraphs_in_our_second_pick(extract, monkeypatch):
    calls = _trafilatura_calls(monkeypatch)
    doc = run(extract, DIV_STORY)
    assert calls == [] and doc.meta["extractor"] == "density-second"
    lines = doc.text.split("\n")
    assert len(lines) == 4 and lines[0].startswith("أعلنت السلطات في شرق ليبيا")
    assert lines[3].endswith("بشكل عاجل.")
    tree = _parse(DIV_STORY)
    prune(tree, keep_prose=True)
    wrap_loose_text(tree)
    paragraphs = [_flat(p) for p in tree.iter("p")]         # the four lines, and the copyright line at the foot
    assert len(paragraphs) == 5 and paragraphs[1].startswith("وقال المتحدث")
    assert paragraphs[4] == "جميع الحقوق محفوظة © بوابة الوسط 2023"


# A whole page inside a wrapper whose class names its ad margins, an ASP.NET form, an author box inside.
WRAPPED = """<html lang="fr"><head><meta charset="utf-8"><title>Mali : la junte prolonge la transition</title></head>
<body><form id="aspnetForm" method="post" action="./article.aspx">
<div class="Page-ad-margins">
<div class="nav-menu"><a href="/">Accueil</a> <a href="/afrique">Afrique</a></div>
<h1>Mali : la junte prolonge la transition</h1>
<div class="article-body">
<p>BAMAKO, 12 mars. Les autorités de transition du Mali ont annoncé jeudi le report sine die de l'élection présidentielle prévue en février, invoquant des raisons techniques et la situation sécuritaire dans le centre du pays.</p>
<p>Le porte-parole du gouvernement, le colonel Abdoulaye Maïga, a déclaré à la télévision nationale que le nouveau calendrier serait fixé après une concertation avec les partis politiques, qui ont dénoncé une manœuvre.</p>
<p>La Communauté économique des États de l'Afrique de l'Ouest a exprimé sa préoccupation et appelé la junte à respecter ses engagements, sans évoquer de nouvelles sanctions contre Bamako pour le moment.</p>
</div>
<div class="author-box"><p>Awa Traoré est correspondante à Bamako depuis 2019 et couvre la politique et la sécurité au Sahel pour notre rédaction.</p></div>
<div class="ad-slot"><a href="/pub">Publicité</a></div>
</div></form></body></html>
"""


def test_article_under_a_wrapper_labelled_ad_and_a_form_is_ours(extract, monkeypatch):
    tree = _parse(WRAPPED)
    prune(tree)
    assert density_text(tree) == ""                     # the first pruning drops the whole page
    calls = _trafilatura_calls(monkeypatch)
    doc = run(extract, WRAPPED)
    assert calls == [] and doc.meta["extractor"] == "density-second"
    assert doc.text.startswith("BAMAKO, 12 mars.") and doc.text.endswith("pour le moment.")
    assert "Awa Traoré" not in doc.text and "Publicité" not in doc.text and "Accueil" not in doc.text


def test_an_article_in_a_table_cell_reads_its_paragraphs():
    page = ("<html><body><table><tr><td class='nav'><a href='/'>Home</a></td><td><div id='article_block'>"
            + "".join(f"<p>Paragraph {n} of the story, with enough words, commas, and clauses to be scored as the article's own, not the table's.</p>"
                      for n in range(4)) + "</div></td></tr></table></body></html>")
    tree = _parse(page)
    prune(tree)
    assert density_text(tree).split("\n") == [
        f"Paragraph {n} of the story, with enough words, commas, and clauses to be scored as the article's own, not the table's." for n in range(4)]


def test_scripts_and_styles_leave_trafilatura_copy_but_json_ld_and_tails_stay():
    tree = _parse('<html><head><style>p {color: red}</style><script type="application/ld+json">'
                  '{"@type": "NewsArticle", "articleBody": "Текст статьи"}</script></head><body>'
                  '<p>До<script>var a = "<b>";</script> после</p><script src="x.js"></script>хвост</body></html>')
    _drop_scripts(tree)
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"] and tree.find(".//style") is None
    assert tree.find(".//p").text_content() == "До после" and "хвост" in tree.find("body").text_content()


def test_a_byte_order_mark_inside_a_name_does_not_split_it(extract):
    page = COMMENT_INSIDE.replace("Iounous-Bek", "I\ufeffounous-Bek")        # CMS paste debris, seen on real pages
    doc = run(extract, page)
    assert doc.meta["extractor"] == "density" and "\ufeff" not in doc.text
    assert "Iounous-Bek Ievkourov" in doc.text


@pytest.mark.parametrize(("body", "flat"), [
    ("<p>Бенгази,<br>Триполи</p>", "Бенгази, Триполи"),
    ("<p>Бенгази,<img src='x.png'><br>Триполи</p>", "Бенгази, Триполи"),   # an empty element before it
    ("<p>Бенгази,<br><br><b>Триполи</b></p>", "Бенгази, Триполи"),
    ("<p>بنغازي<br>\n<b>طرابلس</b></p>", "بنغازي طرابلس"),
    ("<p><br>Триполи</p>", "Триполи"),                                          # nothing before it
])
def test_a_pruned_line_break_parts_the_words_on_either_side(body, flat):
    tree = _parse(f"<html><body>{body}</body></html>")
    prune(tree)
    assert density_text(tree) == "" and _flat(tree.find(".//p")) == flat


def test_a_caption_tied_with_the_article_loses_to_it():
    caption = ("Smoke rises over the port of Derna, Libya, on Tuesday, after the floods, in a picture taken by a "
               "local photographer from a rooftop.")
    story = ["Rescue teams reached the eastern districts of the city on Wednesday morning, the Red Crescent said in "
             "a short statement.",
             "Officials in Benghazi said that more than two hundred aid lorries had crossed from Egypt since the "
             "weekend, mostly with food."]
    page = (f"<html><body><div class='photo'><p>{caption}</p></div><div class='story'>"
            + "".join(f"<p>{line}</p>" for line in story) + "</div></body></html>")
    tree = _parse(page)
    prune(tree)
    assert density_text(tree).split("\n") == story         # six votes each: the longer block wins the tie
