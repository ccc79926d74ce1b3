"""`dragoman eval ...`: score Dragoman on the evaluation sets in ../shared/eval (a thin layer over dragoman.eval)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

eval_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                       help="Score Dragoman on evaluation sets (gold data kept outside the package).")


@eval_app.command("extraction")
def extraction(
    data: Path = typer.Option(Path("../shared/eval/extraction-scrapinghub"), "--data",
                              help="The Scrapinghub article-extraction benchmark folder (ground-truth.json, html/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Main-text extraction: precision, recall and F1 against the gold article bodies, and which path won."""
    from ..eval.extraction import evaluate
    result = evaluate(data)          # a missing folder raises DragomanError; `main` prints it and exits 1
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    sys.stdout.write(f"extraction: {result['pages']} pages  precision {result['precision']:.4f}  "
                     f"recall {result['recall']:.4f}  F1 {result['f1']:.4f}  "
                     f"(exact match {result['accuracy']:.4f}, {result['seconds']} s)\n")
    sys.stdout.write("paths: " + ", ".join(f"{name} {count}" for name, count in result["paths"].items()) + "\n")


@eval_app.command("langid")
def langid(
    data: Path = typer.Option(Path("../shared/eval"), "--data", help="The folder of evaluation sets (../shared/eval)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Language identification: per-language accuracy on sentences of known language (shared sets + demo)."""
    from ..eval.langid import evaluate
    result = evaluate(data)
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    sys.stdout.write(f"langid: {result['sentences']} sentences, accuracy {result['accuracy']:.4f} "
                     f"({result['seconds']} s)\n")
    for lang, row in result["languages"].items():
        sys.stdout.write(f"  {lang}: {row['accuracy']:.4f} of {row['n']}\n")


def _report(result: dict, as_json: bool, format_text) -> None:
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n" if as_json else format_text(result) + "\n")


@eval_app.command("ner")
def ner(
    data: Optional[Path] = typer.Option(None, "--data",
                                        help="factRuEval-2016 folder, an IOB2/CoNLL file, or a folder of them."),
    realtext: bool = typer.Option(False, "--realtext",
                                  help="Score the entity layer of the realtext dev gold (src/dragoman/eval/gold/realtext) "
                                       "through the pipeline's entities stage instead."),
    root: Path = typer.Option(Path("../shared/realtext-dev"), "--root", help="The realtext-dev folder (--realtext)."),
    show: bool = typer.Option(False, "--show", help="With --realtext: list each article's misses and false names."),
    fmt: str = typer.Option("auto", "--format", help="auto, factru, iob2 or conll."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of the data (default: from the file name; "
                                                            "with --realtext: every language)."),
    english: str = typer.Option("spacy", "--english", help="English engine: spacy or rules."),
    rules: bool = typer.Option(False, "--rules", help="Arabic, Turkish, French: the rules engine, not the "
                                                     "statistical models."),
    models: Optional[Path] = typer.Option(None, "--models", help="Folder of our trained <lang>/ models to score "
                                                                  "(default: the bundled ones)."),
    guards: bool = typer.Option(True, "--guards/--no-guards", help="Apply the precision guards (they keep titles, "
                                "Turkish case endings and Arabic proclitics out of names; training corpora that "
                                "keep them in score with --no-guards)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents or sentences."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Named entities: per-type precision, recall and F1 (exact spans) on factRuEval, UNER, your CoNLL file, or
    (--realtext) the realtext dev gold, exact and overlapping spans."""
    if realtext:
        from ..eval import realtext_ner
        langs = (lang,) if lang else realtext_ner.LANGS
        from ..settings import Settings
        from .common import State
        settings = Settings.load(None, [*State.overrides, *(["ner.statistical="] if rules else [])])
        _report(realtext_ner.evaluate(root, langs, show=show, settings=settings), as_json, realtext_ner.format_text)
        return
    if data is None:
        raise typer.BadParameter("give --data (an NER eval set) or --realtext", param_hint="--data")
    from ..eval.ner import evaluate, format_text
    from ..ner import STATISTICAL_LANGS, Recogniser
    recogniser = Recogniser(english=english, statistical=() if rules else STATISTICAL_LANGS, models=models,
                            guards=guards)
    _report(evaluate(data, fmt=fmt, lang=lang, english=english, limit=limit, recogniser=recogniser), as_json,
            format_text)


@eval_app.command("geoparse")
def geoparse(
    data: Path = typer.Option(Path("../shared/eval/geoparsing"), "--data",
                              help="The geoparsing folder (GWN.xml, GeoVirus.xml), or a .jsonl file with --format jsonl."),
    corpus: str = typer.Option("gwn", "--corpus", help="gwn or geovirus."),
    gold_spans: bool = typer.Option(True, "--gold-spans/--end-to-end",
                                    help="Resolve the gold toponym spans, or find toponyms first (end to end)."),
    fmt: str = typer.Option("xml", "--format", help="xml (GWN/GeoVirus) or jsonl ({id, text, toponyms})."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents."),
    realtext: bool = typer.Option(False, "--realtext",
                                  help="Score the places layer of the real-text dev gold instead (--data: realtext-dev)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="With --realtext: one language (ar, ru, tr, fr)."),
    details: bool = typer.Option(False, "--details", help="With --realtext: list every place that is wrong."),
    vicinity: bool = typer.Option(True, "--vicinity/--no-vicinity",
                                  help="Gold spans: put a name no source holds at the document's focus town (each "
                                       "gold span is a place), or leave it unresolved as the pipeline does."),
    half: Optional[str] = typer.Option(None, "--half", help="Score only the even or odd documents (a fixed split)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Geoparsing: acc@161 km, mean/median error, AUC; end to end also recognition P/R/F1; --realtext: place
    precision, right place and recall on the real-text dev gold."""
    if realtext:
        from functools import partial

        from ..eval.geoparse import evaluate_realtext, format_realtext
        root = data if data != Path("../shared/eval/geoparsing") else None
        _report(evaluate_realtext([lang] if lang else None, root), as_json, partial(format_realtext, details=details))
        return
    from ..eval.geoparse import evaluate, format_text
    _report(evaluate(data, corpus, gold_spans=gold_spans, fmt=fmt, limit=limit, vicinity=vicinity, half=half),
            as_json, format_text)


@eval_app.command("events")
def events(
    data: Path = typer.Option(Path("../shared/eval/events-plover-gsr"), "--data",
                              help="A record file or a folder of them (event, text, source/target actorText, "
                                   "optional language, mode)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N records."),
    realtext: bool = typer.Option(False, "--realtext", help="Score the realtext-dev gold (events and negative "
                                                            "sentences) instead of the PLOVER records."),
    root: Path = typer.Option(Path("../shared/realtext-dev"), "--root", help="The realtext-dev folder."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only this language of the realtext gold (ar, ru, tr, fr)."),
    split: str = typer.Option("all", "--split", help="With --realtext: dev (tuned on), test (held out) or all "
                                                     "(both halves and their sum)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """PLOVER event coding: type and mode accuracy and precision, source/target actor match rates and precision.
    With --realtext: precision (type and roles right), main-event recall and negative-sentence precision."""
    if realtext:
        from ..eval.events_realtext import evaluate as realtext_eval
        from ..eval.events_realtext import format_text as realtext_text
        from ..eval.realtext import LANGS
        if lang and lang not in LANGS:
            raise typer.BadParameter(f"{lang!r}: the realtext gold has {', '.join(LANGS)}", param_hint="--lang")
        if split not in ("dev", "test", "all"):
            raise typer.BadParameter(f"{split!r}: give dev, test or all", param_hint="--split")
        _report(realtext_eval(root, (lang,) if lang else LANGS, split=split), as_json, realtext_text)
        return
    from ..eval.events import evaluate, format_text
    _report(evaluate(data, limit=limit), as_json, format_text)


@eval_app.command("names")
def names(
    data: Path = typer.Option(Path("../shared/eval/names-google-ar2en"), "--data",
                              help="The Google ar2en folder, or a NAME<TAB>ENGLISH file with --format pairs."),
    fmt: str = typer.Option("google", "--format", help="google (the ar2en splits), pairs (your own TSV) or "
                                                       "termbase (the bundled term base's names, with --lang)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="ru or ar: the term base names to score (termbase)."),
    split: str = typer.Option("test", "--split", help="train, eval or test (google format)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N names."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Names across scripts: top-1/top-5 accuracy and MRR of matching each name to its English form among all."""
    from ..eval.names import evaluate, format_text
    _report(evaluate(data, fmt=fmt, split=split, limit=limit, lang=lang), as_json, format_text)


@eval_app.command("times")
def times(
    realtext: bool = typer.Option(False, "--realtext", help="Score the dates layer of the realtext dev gold."),
    data: Path = typer.Option(Path("../shared/realtext-dev"), "--data", help="The realtext-dev folder."),
    lang: Optional[str] = typer.Option(None, "--lang", help="One language (ar, ru, tr, fr); default all."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="A folder of <lang>.yaml gold files to use instead "
                                                             "of the bundled ones."),
    errors: bool = typer.Option(False, "--errors", help="List every wrong and missed date."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Dates: precision with the right interval, "is a date" precision and recall, per language."""
    from ..eval.realtext import LANGS
    from ..eval.times import evaluate, format_text
    if not realtext:
        raise typer.BadParameter("only --realtext is available: dates are scored on the realtext dev gold")
    result = evaluate(data, (lang,) if lang else LANGS, gold_dir=gold)
    _report(result, as_json, lambda r: format_text(r, show_errors=errors))


@eval_app.command("xling")
def xling(
    data: Optional[Path] = typer.Option(Path("../shared/eval/ner-uner-pud-en-ru"), "--data",
                                        help="The UNER PUD en/ru folder (parallel sentences)."),
    demo: bool = typer.Option(True, "--demo/--no-demo", help="Also the demo pages' analyst translations."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N UNER pairs."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Cross-lingual retrieval: P@1 and MRR of each sentence's translation among all sentences of the other
    language, both ways (the embedder semantic search uses)."""
    from ..eval.xling import evaluate, format_text
    _report(evaluate(data, limit=limit, demo=demo), as_json, format_text)
