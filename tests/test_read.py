"""read.py: files, folders and standard input -> Article or InputError, one per document.

Every input is written here by hand; every expected value follows from the input and the rules
in read.py's docstrings (UTF-8, UTF-16 with BOM or Windows-1252; metadata date before --published).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.errors import InputError
from extractor.read import (
    article_from_record,
    decode,
    make_article,
    parse_date,
    read_file,
    read_paths,
    read_stream,
)
from extractor.schema import Article

DAY = dt.date(2021, 11, 22)
STORY = "Gunmen killed three people in Kabul on Sunday, police said."


def one(items: Any) -> Article | InputError:
    (item,) = list(items)
    return item


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- formats and ids ------------------------------------------------------------------------


def test_txt_file_is_one_article_named_by_its_stem(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "kabul_raid.txt", STORY)))
    assert isinstance(article, Article)
    assert (article.id, article.text, article.source) == (
        "kabul_raid",
        STORY,
        str(tmp_path / "kabul_raid.txt"),
    )
    assert (article.published, article.published_source) == (None, "none")


def test_txt_line_endings_become_newlines(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "a.txt", b"First line.\r\nSecond line.\rThird.")))
    assert isinstance(article, Article)
    assert article.text == "First line.\nSecond line.\nThird."


def test_json_object(tmp_path: Path) -> None:
    record = {
        "id": "afp-1",
        "text": STORY,
        "published": "2021-11-22",
        "title": "Raid",
        "url": "https://example.org/1",
        "lang": "en",
        "tags": ["x"],
    }
    article = one(read_file(write(tmp_path, "whatever.json", json.dumps(record))))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.url) == ("afp-1", "Raid", "https://example.org/1")
    assert (article.published, article.published_source) == (DAY, "metadata")


def test_json_without_id_takes_the_file_stem(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "no_id.json", json.dumps({"text": STORY}))))
    assert isinstance(article, Article) and article.id == "no_id"


def test_jsonl_one_article_per_line_blank_lines_skipped(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": STORY}), "", json.dumps({"text": "A bomb exploded."})]
    items = list(read_file(write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "batch:3"]


def test_malformed_jsonl_line_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        '{"id": "b", "text": ',
        json.dumps({"id": "c", "text": STORY}),
    ]
    items = list(read_file(write(tmp_path, "batch.jsonl", "\n".join(lines))))
    assert isinstance(items[0], Article) and isinstance(items[2], Article)
    assert [items[0].id, items[2].id] == ["a", "c"]
    error = items[1]
    assert isinstance(error, InputError)
    assert (error.kind, error.line) == ("malformed", 2)
    assert "batch.jsonl:2" in str(error)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ([1, 2], "expected a JSON object"),
        ({"id": "x"}, "no 'text' string"),
        ({"id": "x", "text": 42}, "no 'text' string"),
    ],
)
def test_json_that_is_not_an_article(tmp_path: Path, record: Any, message: str) -> None:
    error = one(read_file(write(tmp_path, "bad.json", json.dumps(record))))
    assert isinstance(error, InputError) and error.kind == "malformed"
    assert message in str(error)


def test_folder_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", STORY)
    write(tmp_path, "a/z.json", json.dumps({"id": "z", "text": STORY}))
    write(tmp_path, "a/y.jsonl", json.dumps({"id": "y1", "text": STORY}) + "\n")
    write(tmp_path, "notes.md", "# not an article")
    write(tmp_path, ".hidden/c.txt", STORY)
    ids = [i.id for i in read_paths([tmp_path]) if isinstance(i, Article)]
    assert ids == ["y1", "z", "b"]


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    error = one(read_paths([tmp_path / "nope.txt"]))
    assert isinstance(error, InputError) and error.kind == "unreadable"


def test_paths_keep_command_line_order(tmp_path: Path) -> None:
    first, second = write(tmp_path, "2.txt", STORY), write(tmp_path, "1.txt", STORY)
    assert [i.id for i in read_paths([first, second]) if isinstance(i, Article)] == ["2", "1"]


# --- standard input -------------------------------------------------------------------------


def test_stdin_text_is_one_article() -> None:
    article = one(read_stream(io.BytesIO(STORY.encode()), source="stdin"))
    assert isinstance(article, Article) and (article.id, article.text) == ("stdin", STORY)


def test_stdin_jsonl_is_many_articles() -> None:
    data = "\n".join(json.dumps({"id": n, "text": STORY}) for n in ("p", "q")).encode()
    assert [
        i.id for i in read_stream(io.BytesIO(data), source="stdin") if isinstance(i, Article)
    ] == [
        "p",
        "q",
    ]


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(STORY.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    article = one(read_paths(["-"], published=DAY))
    assert isinstance(article, Article)
    assert (article.id, article.published, article.published_source) == ("stdin", DAY, "cli")


# --- the publication date -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "cli", "expected", "source"),
    [
        ({"published": "2021-11-20"}, DAY, dt.date(2021, 11, 20), "metadata"),  # metadata wins
        ({}, DAY, DAY, "cli"),  # --published fills in
        ({"published": ""}, DAY, DAY, "cli"),
        ({"published": "2021-11-20T08:30:00Z"}, None, dt.date(2021, 11, 20), "metadata"),
        ({}, None, None, "none"),
    ],
)
def test_published_precedence(
    record: dict[str, Any], cli: dt.date | None, expected: dt.date | None, source: str
) -> None:
    article = article_from_record({"id": "x", "text": STORY, **record}, source="t", published=cli)
    assert (article.published, article.published_source) == (expected, source)


def test_unreadable_published_is_a_warning_and_falls_back() -> None:
    article = article_from_record(
        {"id": "x", "text": STORY, "published": "last Tuesday"}, source="t", published=DAY
    )
    assert (article.published, article.published_source) == (DAY, "cli")
    assert any("last Tuesday" in w for w in article.warnings)


def test_cli_date_on_a_text_file(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "a.txt", STORY), published=DAY))
    assert isinstance(article, Article) and (article.published, article.published_source) == (
        DAY,
        "cli",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-22", DAY),
        (" 2021-11-22 ", DAY),
        ("2021-11-22T23:59:00+01:00", DAY),
        (dt.datetime(2021, 11, 22, 10, 0), DAY),
        (DAY, DAY),
        ("22/11/2021", None),
        ("yesterday", None),
        (20211122, None),
    ],
)
def test_parse_date(value: Any, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


# --- what cannot be an article --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (bytes(range(256)) * 4, "binary"),  # every byte value, NULs included
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary"),
        (b"Gunmen killed\x00 three people.", "binary"),  # a NUL byte inside text
    ],
)
def test_not_text(tmp_path: Path, content: bytes, kind: str) -> None:
    error = one(read_file(write(tmp_path, "x.txt", content)))
    assert isinstance(error, InputError) and error.kind == kind


def test_control_characters_are_binary() -> None:
    with pytest.raises(InputError) as caught:
        make_article("\x01\x02\x03\x04 abc" * 10, id="x")
    assert caught.value.kind == "binary"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café – “quoted”".encode("cp1252"), "Café – “quoted”"),  # Windows-1252
        ("Café – “quoted”".encode(), "Café – “quoted”"),  # UTF-8
        (b"\xef\xbb\xbf" + "Bogotá".encode(), "Bogotá"),  # UTF-8 with BOM
        ("Bogotá attack".encode("utf-16"), "Bogotá attack"),  # UTF-16, BOM (native)
        (b"\xff\xfe" + "Deïr ez-Zor".encode("utf-16-le"), "Deïr ez-Zor"),  # UTF-16 LE BOM
        (b"\xfe\xff" + "Deïr ez-Zor".encode("utf-16-be"), "Deïr ez-Zor"),  # UTF-16 BE BOM
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data, source="t") == text


def test_cp1252_file(tmp_path: Path) -> None:
    article = one(
        read_file(write(tmp_path, "a.txt", "Attack in Medellín – 3 dead".encode("cp1252")))
    )
    assert isinstance(article, Article) and article.text == "Attack in Medellín – 3 dead"


def test_too_large_file(tmp_path: Path) -> None:
    error = one(read_file(write(tmp_path, "big.txt", STORY * 10), max_bytes=100))
    assert isinstance(error, InputError) and error.kind == "too_large"


def test_too_large_jsonl_line_keeps_the_others(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "small", "text": "A bomb."}),
        json.dumps({"id": "big", "text": STORY * 10}),
    ]
    items = list(read_file(write(tmp_path, "b.jsonl", "\n".join(lines)), max_bytes=200))
    assert isinstance(items[0], Article) and items[0].id == "small"
    assert isinstance(items[1], InputError) and (items[1].kind, items[1].line) == ("too_large", 2)


def test_too_large_stdin() -> None:
    error = one(read_stream(io.BytesIO(b"x" * 101), source="stdin", max_bytes=100))
    assert isinstance(error, InputError) and error.kind == "too_large"


# --- HTML pages -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Roadside bomb kills three soldiers</title>
<meta property="article:published_time" content="2021-11-20T08:00:00Z">
<link rel="canonical" href="https://news.example.org/2021/11/20/bomb"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Roadside bomb kills three soldiers</h1>
<p>A roadside bomb killed three soldiers near Kandahar on Friday, the defence ministry said.
The soldiers were on patrol when the device exploded beside their vehicle.</p>
<p>No group has claimed responsibility for the attack, which came a day after two police
officers were wounded in a separate blast in the same district.</p></article>
<footer>Subscribe to our newsletter. Copyright 2021 Example News.</footer>
</body></html>"""


def test_html_page_gives_its_text_title_url_and_date(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "bomb.html", PAGE), published=DAY))
    assert isinstance(article, Article)
    assert article.id == "bomb"
    assert "killed three soldiers near Kandahar" in article.text
    assert "No group has claimed responsibility" in article.text
    assert "newsletter" not in article.text and "Sport" not in article.text  # boilerplate
    assert article.title == "Roadside bomb kills three soldiers"
    assert article.url == "https://news.example.org/2021/11/20/bomb"
    # the page's own date comes before --published
    assert (article.published, article.published_source) == (dt.date(2021, 11, 20), "metadata")


def test_html_without_a_date_takes_the_cli_date(tmp_path: Path) -> None:
    page = "<html><body><p>Gunmen killed three people in Kabul on Sunday.</p></body></html>"
    article = one(read_file(write(tmp_path, "p.htm", page), published=DAY))
    assert isinstance(article, Article)
    assert (article.published, article.published_source) == (DAY, "cli")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", "<p>Gunmen killed three people.</p>"),  # a fragment
        ("page.txt", "<!DOCTYPE html><html><body>Gunmen killed three people.</body></html>"),
    ],
)
def test_html_is_read_whatever_the_file_name(tmp_path: Path, name: str, content: str) -> None:
    article = one(read_file(write(tmp_path, name, content)))
    assert isinstance(article, Article) and article.text.strip() == "Gunmen killed three people."


def test_html_on_standard_input() -> None:
    article = one(read_stream(io.BytesIO(PAGE.encode()), source="stdin"))
    assert isinstance(article, Article) and article.title == "Roadside bomb kills three soldiers"


def test_html_page_without_text_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>"
    error = one(read_file(write(tmp_path, "empty.html", page)))
    assert isinstance(error, InputError) and error.kind == "empty"
    assert "no article text" in str(error)


def test_html_without_trafilatura_names_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    error = one(read_file(write(tmp_path, "bomb.html", PAGE)))
    assert isinstance(error, InputError) and "pip install 'extractor[html]'" in str(error)


def test_folder_scan_reads_html(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    write(tmp_path, "a.txt", STORY)
    write(tmp_path, "style.css", "body { color: red }")
    items = list(read_paths([tmp_path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "page"]


# --- encodings, limits and languages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (STORY.encode("utf-16-le"), "decoded as UTF-16-LE (no byte-order mark)"),
        (STORY.encode("utf-16-be"), "decoded as UTF-16-BE (no byte-order mark)"),
        (STORY.encode("utf-32"), None),  # with its BOM
        (STORY.replace("Kabul", "Kábul").encode("cp1252"), "decoded as Windows-1252"),
    ],
)
def test_other_encodings_are_decoded_and_noted(
    tmp_path: Path, data: bytes, note: str | None
) -> None:
    article = one(read_file(write(tmp_path, "a.txt", data)))
    assert isinstance(article, Article)
    assert article.text.replace("Kábul", "Kabul") == STORY
    if note is None:
        assert article.warnings == []
    else:
        assert any(note in warning for warning in article.warnings)


def test_utf8_text_has_no_encoding_note(tmp_path: Path) -> None:
    article = one(read_file(write(tmp_path, "a.txt", "Attack in Medellín.".encode())))
    assert isinstance(article, Article) and article.warnings == []


def test_undecodable_bytes_are_an_encoding_error(tmp_path: Path) -> None:
    # 0x81 and 0x8D are undefined in Windows-1252 and not UTF-8 either
    error = one(read_file(write(tmp_path, "a.txt", b"Bomb \x81\x8d\x81 in Lima " * 3)))
    assert isinstance(error, InputError) and error.kind == "encoding"
    assert "not UTF-8" in str(error)


def test_huge_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": STORY}),
        json.dumps({"id": "huge", "text": "x " * 600_000}),  # 1.2 MB on one line
        json.dumps({"id": "c", "text": STORY}),
    ]
    items = list(read_file(write(tmp_path, "b.jsonl", "\n".join(lines)), max_bytes=10_000))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    error = items[1]
    assert isinstance(error, InputError) and (error.kind, error.line) == ("too_large", 2)
    assert "b.jsonl:2: line of 1,200,0" in str(error) and "10,000-byte limit" in str(error)


def test_stdin_jsonl_may_be_longer_than_the_limit() -> None:
    data = "\n\n" + "\n".join(json.dumps({"id": f"n{n}", "text": STORY}) for n in range(50))
    items = list(read_stream(io.BytesIO(data.encode()), source="stdin", max_bytes=1000))
    assert [i.id for i in items if isinstance(i, Article)] == [f"n{n}" for n in range(50)]
    assert isinstance(items[0], Article) and items[0].source == "stdin:3"  # lines count from 1


def test_foreign_language_file_is_an_error_and_the_folder_goes_on(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a_es.txt",
        "Un grupo de hombres armados mató a tres personas en un ataque contra el mercado de "
        "la ciudad el domingo, según informó la policía. Ningún grupo se ha atribuido el ataque.",
    )
    write(tmp_path, "b.txt", STORY)
    items = list(read_paths([tmp_path]))
    error = items[0]
    assert isinstance(error, InputError) and error.kind == "language"
    assert "a_es.txt: not English (looks in Spanish" in str(error)
    assert isinstance(items[1], Article) and items[1].id == "b"
