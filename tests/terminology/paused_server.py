"""`exportgraph serve` that pauses around the atomic write of every approval, so a test can kill
it there: python paused_server.py STAGE SECONDS MARKER serve ARGS… (STAGE is before or after;
MARKER is a file written when the pause starts). The pause wraps the change sets' atomic write
(write_pause.hooked), installed here: the service itself has no test code."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from write_pause import hooked  # run as a script: its folder is first on sys.path

from exportgraph.cli import main
from exportgraph.services.standards import changes


def install(stage: str, seconds: float, marker: Path) -> None:
    def pause(at: str, action: str) -> None:
        if action == "approve" and at == stage:
            marker.write_text(stage, encoding="utf-8")
            time.sleep(seconds)

    changes.conditional_write = hooked(pause)


if __name__ == "__main__":
    stage, seconds, marker, *arguments = sys.argv[1:]
    install(stage, float(seconds), Path(marker))
    sys.argv = ["exportgraph", *arguments]
    main()
