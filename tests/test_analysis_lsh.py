"""MinHash LSH near-duplicates: the same answers as the exact join on republished stories in Turkish and
Arabic, every copy among thousands found, and signatures that estimate Jaccard within the expected error."""

import random

import numpy as np

from dragoman.analysis.duplicates import Text, jaccard, near_duplicates, shingles
from dragoman.analysis.lsh import MinHasher, candidate_pairs, estimated_jaccard
from test_analysis_duplicates import AGENCY, OTHER_STORY, REPUBLISHED, at, corpus_with_copies


def test_lsh_finds_the_republished_turkish_story_and_not_the_other_visit():
    texts = [Text("haber", REPUBLISHED, "https://libyahaber.example/rus-heyeti", at(12)),
             Text("aa", AGENCY, "https://aa.example/tr/dunya/2973284", at(8)),
             Text("second-visit", OTHER_STORY, "https://aa.example/tr/dunya/3001", at(9))]
    assert near_duplicates(texts, method="lsh") == near_duplicates(texts, method="exact") == {"haber": "aa"}


def test_lsh_folds_arabic_spelling_variants():
    arabic = "التقى وفد عسكري روسي برئاسة نائب وزير الدفاع يونس بك يفكوروف، أمس الثلاثاء، خليفة حفتر في بنغازي " * 3
    marked = arabic.replace("حفتر", "حَفْتَر").replace("الدفاع", "الدفـــاع")
    assert near_duplicates([Text("plain", arabic, None, at(8)), Text("marked", marked, None, at(9))],
                           method="lsh") == {"marked": "plain"}


def test_signature_agreement_estimates_jaccard():
    hasher = MinHasher()
    a, b = shingles(AGENCY), shingles(REPUBLISHED)
    sig = np.vstack([hasher.signature(a), hasher.signature(b)])
    estimate = estimated_jaccard(sig, np.array([[0, 1]]))[0]
    assert abs(estimate - jaccard(a, b)) < 0.15          # 3.4 standard errors at 128 values
    assert hasher.signature(a).tolist() == MinHasher().signature(a).tolist()     # seeded: stable


def test_lsh_joins_every_copy_among_thousands_like_the_exact_join():
    texts, expected = corpus_with_copies(seed=11)
    assert near_duplicates(texts, method="lsh") == expected


def test_unrelated_texts_make_few_candidates():
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(5000)]
    hasher = MinHasher()
    sigs = np.vstack([hasher.signature(shingles(" ".join(rng.choice(vocabulary) for _ in range(200))))
                      for _ in range(500)])
    assert len(candidate_pairs(sigs)) == 0
