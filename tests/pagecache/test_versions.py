"""The purge log: every worker reading one log counts the same versions."""

from congtin.pagecache import versions as versions_module
from congtin.pagecache.versions import ALL, FileVersions


def test_a_purge_by_one_worker_is_seen_by_another(tmp_path):
    path = tmp_path / "purges.log"
    one, other = FileVersions(path), FileVersions(path)
    before = other.current({"page:1", "page:2", ALL})
    generation = other.generation()
    one.bump(["page:1"])
    after = other.current({"page:1", "page:2", ALL})
    assert after["page:1"] == before["page:1"] + 1 and after["page:2"] == before["page:2"]
    assert other.generation() != generation
    assert one.current({"page:1"})["page:1"] == after["page:1"]


def test_a_half_written_line_is_read_once_complete(tmp_path):
    path = tmp_path / "purges.log"
    reader = FileVersions(path)
    reader.current({"page:1"})
    with open(path, "ab") as log:
        log.write(b"page:")
    assert reader.current({"page:1"})["page:1"] == 0
    with open(path, "ab") as log:
        log.write(b"1\n")
    assert reader.current({"page:1"})["page:1"] == 1


def test_a_rotated_log_purges_everything(tmp_path, monkeypatch):
    path = tmp_path / "purges.log"
    writer, reader = FileVersions(path), FileVersions(path)
    stored = reader.current({"page:1", ALL})
    monkeypatch.setattr(versions_module, "ROTATE_BYTES", 10)
    writer.bump(["page:2", "page:3", "page:4"])  # past 10 bytes: a new, empty log
    assert path.stat().st_size == 0
    assert reader.current({"page:1", ALL})[ALL] != stored[ALL]
