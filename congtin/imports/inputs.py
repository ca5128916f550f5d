"""Expand the command's arguments into files: files, folders of saved pages, lists of paths or URLs."""

import gzip
import tempfile
import urllib.request
from pathlib import Path

LIST_SUFFIXES = (".txt", ".list")
MAX_DOWNLOAD = 4 * 1024**3  # bytes: a whole portal's export fits; an endless response does not
CHUNK = 1 << 20


def expand_inputs(arguments: list[str]) -> list[str]:
    """Files stay files; a folder gives its .html/.htm pages; a .txt/.list file gives its lines
    (paths, or http(s) URLs fetched to a temporary file)."""
    paths = []
    for argument in arguments:
        if argument.startswith(("http://", "https://")):
            paths.append(fetch(argument))
            continue
        path = Path(argument)
        if path.is_dir():
            paths.extend(
                str(p) for p in sorted(path.rglob("*")) if p.suffix.lower() in (".html", ".htm")
            )
        elif path.suffix.lower() in LIST_SUFFIXES:
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            paths.extend(
                expand_inputs([line for line in lines if line and not line.startswith("#")])
            )
        elif path.is_file():
            paths.append(str(path))
        else:
            raise FileNotFoundError(f"Không tìm thấy tệp hoặc thư mục: {argument}")
    return paths


def fetch(url: str, timeout: float = 30) -> str:
    """Download one page, feed or export of the old portal (it is usually on the same closed
    network) to a temporary file, a chunk at a time; OSError past MAX_DOWNLOAD bytes."""
    suffix = Path(url.split("?")[0]).suffix or ".html"
    handle = tempfile.NamedTemporaryFile(prefix="congtin-import-", suffix=suffix, delete=False)
    size = 0
    try:
        with handle, urllib.request.urlopen(url, timeout=timeout) as response:
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_DOWNLOAD:
                    raise OSError(
                        f"{url}: lớn hơn {MAX_DOWNLOAD:,} byte, không tải.".replace(",", ".")
                    )
                handle.write(chunk)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return handle.name


def count_lines(path: str) -> int:
    """Records of a JSON Lines or CSV file, for the progress bar's ETA (a fast pass over bytes)."""
    with open(path, "rb") as probe:
        opener = gzip.open if probe.read(2) == b"\x1f\x8b" else open
    with opener(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
