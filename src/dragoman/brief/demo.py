"""The demo brief: "Russia and Haftar, Aug–Oct 2023", drafted from the demo workspace in every format.

`dragoman demo` calls `write_demo_brief` last, so a fresh install shows a finished draft next to the data it
came from (every excerpt id in it resolves with `dragoman cite`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .model import Brief

TITLE = "Russia and Haftar, Aug–Oct 2023"
ENTITY = "Khalifa Haftar"
START, END = date(2023, 8, 1), date(2023, 10, 31)
STEM = "brief-russia-haftar-2023"
FORMATS = (".md", ".html", ".pdf", ".docx")


STAND_IN = "stand-in-africom-mig29.png"


def demo_brief(ws) -> Brief:
    """The demo brief as data: Khalifa Haftar, 1 August to 31 October 2023. Its picture is a stand-in we draw
    (the public-domain AFRICOM image the sources show is not available offline), with the caption, credit and
    licence of the picture the page published."""
    from .assemble import assemble
    from .image import draw_stand_in, with_file
    drafted = assemble(ws, entity=ENTITY, start=START, end=END, title=TITLE)
    picture = draw_stand_in(ws.root / "briefs" / STAND_IN)
    drafted.image = with_file(drafted.image, picture)
    drafted.warnings.append("the picture is a stand-in drawn for the demo; replace it with the original "
                            "(`dragoman brief --image FILE`) before publishing")
    return drafted


def write_demo_brief(ws, folder: Path, *, brief: Brief | None = None) -> list[Path]:
    """Write the demo brief to `folder` as Markdown, HTML, PDF and DOCX; returns the files written."""
    from .render import render
    drafted = brief if brief is not None else demo_brief(ws)
    folder = Path(folder)
    return [render(drafted, folder / f"{STEM}{suffix}") for suffix in FORMATS]
