"""Near-duplicates: a republished agency story is found (earliest is the original), a different story on the same
subject is not, feed entries match their page by URL, and the join stays fast on thousands of documents."""

import random
from datetime import datetime, timedelta, timezone

from dragoman.analysis.duplicates import THRESHOLD, Text, jaccard, near_duplicates, shingles

UTC = timezone.utc
AGENCY = (
    "Rusya Savunma Bakan Yardımcısı Yunus-Bek Yevkurov başkanlığındaki askeri heyet, Libya'nın doğusundaki "
    "Bingazi kentinde Halife Hafter ile bir araya geldi. Rusya Savunma Bakanlığının Telegram hesabından yapılan "
    "açıklamada, ziyaretin bir Rus askeri heyetinin Libya'ya yaptığı ilk resmi ziyaret olduğu belirtildi. "
    "Görüşmede uluslararası terörle mücadelede iş birliği ele alındı. Yevkurov, 2019 yılında savunma bakan "
    "yardımcılığına atanmadan önce İnguşetya Cumhuriyeti'nin başkanıydı. Hafter'i destekleyen Wagner Grubu'na "
    "bağlı militanların başta Cufra Hava Üssü olmak üzere çeşitli üslerde konuşlandığı biliniyor.")
REPUBLISHED = AGENCY.replace("Görüşmede uluslararası terörle mücadelede iş birliği ele alındı.",
                             "Taraflar görüşmede terörle mücadelede iş birliğini ele aldı.") + \
    " Ziyaret, Moskova ile Libya'nın doğusu arasındaki askeri temaslarda yeni bir aşama olarak yorumlandı."
OTHER_STORY = (
    "Rusya Savunma Bakan Yardımcısı Yunus-Bek Yevkurov, Derne'deki sel felaketinin ardından Bingazi'ye ikinci "
    "ziyaretini gerçekleştirdi ve Halife Hafter ile görüştü. Görüşmede insani yardım ve kurtarma ekiplerinin "
    "çalışmaları ele alındı. Rusya, bölgeye arama kurtarma ekipleri ve yardım malzemesi gönderdi. Fırtına Daniel "
    "10 Eylül'de ülkenin doğusunu vurmuş, iki barajın çökmesi binlerce kişinin ölümüne yol açmıştı.")


def at(hour: int) -> datetime:
    return datetime(2023, 8, 23, hour, tzinfo=UTC)


def test_republished_story_is_a_duplicate_of_the_earlier_one():
    texts = [Text("haber", REPUBLISHED, "https://libyahaber.example/rus-heyeti", at(12)),
             Text("aa", AGENCY, "https://aa.example/tr/dunya/2973284", at(8)),
             Text("second-visit", OTHER_STORY, "https://aa.example/tr/dunya/3001", at(9))]
    assert jaccard(shingles(AGENCY), shingles(REPUBLISHED)) >= THRESHOLD
    assert jaccard(shingles(AGENCY), shingles(OTHER_STORY)) < 0.2
    assert near_duplicates(texts) == {"haber": "aa"}


def test_same_url_is_one_story_and_the_fuller_text_wins_a_tie():
    teaser = "Yevkurov Bingazi'de Hafter ile görüştü."
    texts = [Text("feed-entry", teaser, "https://aa.example/tr/dunya/2973284/", at(8)),
             Text("page", AGENCY, "http://www.aa.example/tr/dunya/2973284", at(8))]
    assert near_duplicates(texts) == {"feed-entry": "page"}


def test_short_texts_are_not_matched_by_wording_alone():
    teaser = "Yevkurov Bingazi'de Hafter ile görüştü."
    texts = [Text("a", teaser, "https://one.example/1", at(8)), Text("b", teaser, "https://two.example/2", at(9))]
    assert near_duplicates(texts) == {}


def test_folding_makes_spelling_variants_match():
    arabic = "التقى وفد عسكري روسي برئاسة نائب وزير الدفاع يونس بك يفكوروف، أمس الثلاثاء، خليفة حفتر في بنغازي " * 3
    marked = arabic.replace("حفتر", "حَفْتَر").replace("الدفاع", "الدفـــاع")
    result = near_duplicates([Text("plain", arabic, None, at(8)), Text("marked", marked, None, at(9))])
    assert result == {"marked": "plain"}


def corpus_with_copies(seed: int = 7):
    """3,000 random 300-word texts and a copy of every tenth with ten words changed; what the join must find."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts = [Text(f"d{i}", " ".join(rng.choice(vocabulary) for _ in range(300)), f"https://x.example/{i}",
                  at(0) + timedelta(minutes=i)) for i in range(3000)]
    copies = []
    for i in range(0, 3000, 10):
        words = texts[i].text.split()
        for j in rng.sample(range(len(words)), 10):
            words[j] = rng.choice(vocabulary)
        copies.append(Text(f"copy{i}", " ".join(words), f"https://y.example/{i}",
                           texts[i].published + timedelta(hours=1)))
    return texts + copies, {f"copy{i}": f"d{i}" for i in range(0, 3000, 10)}


def test_thousands_of_documents_each_find_their_original():
    """Scale in results, not seconds (speed is bench/'s job): 3,300 texts, every copy joined to its original."""
    texts, expected = corpus_with_copies()
    assert near_duplicates(texts) == expected
