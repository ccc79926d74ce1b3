"""The command-line face of Dragoman (`dragoman …`). The web face is `dragoman.web`; both call `dragoman.service`.

`main` (the console script) and `app` load the command modules only when asked, so importing one command module
(e.g. `dragoman.cli.models`) stays light.
"""

from .common import State

__all__ = ["State", "app", "main"]


def main() -> None:
    from .main import main as run
    run()


def __getattr__(name: str):
    if name == "app":
        from .main import app
        return app
    raise AttributeError(name)
