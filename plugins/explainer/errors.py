"""One error type for bad data, so every message names the file, the line and the entry."""

from pathlib import Path


class DataError(Exception):
    """Bad content data. The build stops on it with a message an author can act on."""

    def __init__(
        self, path: Path | str, message: str, *, line: int | None = None, entry: str | None = None
    ):
        self.path, self.line, self.entry, self.message = Path(path), line, entry, message
        where = f"{self.path}:{line}" if line else str(self.path)
        who = f" [{entry}]" if entry else ""
        super().__init__(f"{where}{who}: {message}")
