"""Reading the real seeds, front matter, HTML, and bad files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pytest

from searchapp.core.errors import ReadError
from searchapp.core.ingest import read_article
from searchapp.core.paths import PROJECT_ROOT, SEEDS_DIR
from searchapp.core.reasons import Reason, ReasonKind

SEED_META = {
    "000_c7124042683675e3.txt": (
        "Trust Between Nations: The Role of International Organizations in the New Global Context",
        dt.date(2024, 12, 11), "Unknown", "en",
    ),
    "001_091d53cfd8a73ce3.txt": (
        "On December 11, 2024, on the eve of the International Day of Neutrality, Ashgabat "
        "hosted the…",
        dt.date(2024, 12, 11), "nCa", "en",
    ),
    "002_13e197d8ebd46593.txt": (
        "Туркменистан намерен развивать сотрудничество с Международной организацией по миграции",
        dt.date(2021, 3, 3), "Unknown", "ru",
    ),
    "003_fa466dea4ea43802.txt": (
        "Today's conference in Shusha to become starting point for new strategic goals - "
        "Amanat party's representative",
        dt.date(2024, 6, 15), "Trend", "en",
    ),
    "004_c44cc9d99748644e.txt": (
        "Сегодня в Ашхабаде в конференц-зале отеля «Арчабиль» стартовала встреча руководителей "
        "Национальных…",
        dt.date(2025, 9, 5), "Turkmenportal", "ru",
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_metadata(name: str) -> None:
    article = read_article(SEEDS_DIR / name)
    assert (article.title, article.date, article.source, article.lang) == SEED_META[name]


@pytest.mark.parametrize(
    ("name", "starts", "absent"),
    [
        ("000_c7124042683675e3.txt", "On December 11, a session",
         ["Latest news", "Read also:", ".JPEG", "21:50"]),
        ("001_091d53cfd8a73ce3.txt", "On December 11, 2024", [" date 2024"]),
        ("002_13e197d8ebd46593.txt", "2 марта 2021 года", ["16k+", "20:32"]),
        ("003_fa466dea4ea43802.txt", "Aslan Mammadli",
         ["Read more", "Tags:", "Stay up-to-date", "UTC +04:00"]),
        ("004_c44cc9d99748644e.txt", "Сегодня в Ашхабаде", ["date 2025"]),
    ],
)
def test_seed_body_without_chrome(name: str, starts: str, absent: list[str]) -> None:
    body = read_article(SEEDS_DIR / name).body
    assert body.startswith(starts)
    for chrome in absent:
        assert chrome not in body


def test_teasers_of_other_articles_are_cut() -> None:
    body = read_article(SEEDS_DIR / "002_13e197d8ebd46593.txt").body
    assert body.rstrip().endswith("упорядоченной и легальной миграции.")
    for teaser in ["Болгари", "Южной Корее", "€2 млн", "вчера", "3.2k+", "СНГ"]:
        assert teaser not in body


def test_teasers_general_shape(tmp_path: Path) -> None:
    page = (
        "Заголовок статьи\n\n10.01.2024 10:00\n\nТекст статьи про выборы.\n\n"
        "сегодня 09:12\n\nЗаголовок другой статьи\n\nНачало другой статьи...\n\n"
        "сегодня 08:00\n1.1k+\n\nЕщё заголовок\n\nЕщё начало...\n"
    )
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert article.title == "Заголовок статьи"
    assert article.body == "Текст статьи про выборы."


def test_front_matter(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Дело рассмотрят еще раз"\ndate: 2015-07-23\nsource: "regions.ru"\n'
        'url: "http://regions.ru/news/1/"\ntopic: x\n---\nВерховный суд принял ходатайство.\n',
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.md")
    assert (a.title, a.date, a.source, a.lang, a.url) == (
        "Дело рассмотрят еще раз", dt.date(2015, 7, 23), "regions.ru", "ru",
        "http://regions.ru/news/1/",
    )
    assert a.body == "Верховный суд принял ходатайство."


def test_undated_front_matter_is_not_dated_by_a_sentence(tmp_path: Path) -> None:
    # The sentence crosses the 1,500th character, where datelines stop being
    # looked for: cut there it looked like a short line with a date.
    filler = "Виталий Чуркин работал в ООН много лет. " * 36 + "Он был дипломатом.\n"
    body = filler + "Он скончался в Нью-Йорке 22 ноября 1954 года.\n"
    assert body.index("1954") + 4 <= 1500 < body.index("года.") + 4
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Умер Чуркин\n---\n{body}", encoding="utf-8")
    assert read_article(path).date is None


@pytest.mark.parametrize(("head", "expected"), [
    ("---\ntitle: Умер Дэвид Рокфеллер\n---\n", None),  # front matter: only a dateline
    ("Умер Дэвид Рокфеллер\n\n", dt.date(2017, 3, 20)),  # scraped: the date it mentions
])
def test_a_photo_caption_does_not_date_the_article(
    tmp_path: Path, head: str, expected: dt.date | None
) -> None:
    """A Wikinews article opening with its photo's caption was dated 1953."""
    path = tmp_path / "a.txt"
    path.write_text(f"{head}Дэвид Рокфеллер 24 октября 1953 года\n"
                    "В США в возрасте 101 года скончался миллиардер Дэвид Рокфеллер.\n\n"
                    "Дэвид Рокфеллер умер в понедельник, 20 марта 2017 года, во сне.\n",
                    encoding="utf-8")
    assert read_article(path).date == expected


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_front_matter_without_a_date_takes_the_opening_dateline(tmp_path: Path,
                                                                name: str) -> None:
    path = tmp_path / name
    path.write_text("---\ntitle: Конференция\n---\nАстана, 12 марта 2024 — Президент открыл "
                    "конференцию. Соглашение подписали 2 мая 2009 года.\n", encoding="utf-8")
    assert read_article(path).date == dt.date(2024, 3, 12)
    path.write_text("---\ntitle: Соглашение\n---\nСоглашение подписали 2 мая 2009 года, "
                    "сказал министр.\n", encoding="utf-8")
    assert read_article(path).date is None  # a date the first sentence mentions is no dateline


def test_broken_front_matter_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nText body here.\n")
    assert "Text body here." in read_article(tmp_path / "a.md").body


def test_html_page(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        "<html><head><title>Site | Title</title>"
        '<meta property="og:site_name" content="Trend">'
        '<meta property="article:published_time" content="2024-06-15T12:24:00"></head>'
        "<body><nav>Home News</nav><article><h1>Conference in Shusha</h1>"
        "<p>" + "The conference in Shusha discussed new strategic goals of the region. " * 8
        + "</p><script>alert(1)</script></article></body></html>",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.html")
    assert a.title == "Conference in Shusha"
    assert a.source == "Trend" and a.date == dt.date(2024, 6, 15) and a.lang == "en"
    assert "strategic goals" in a.body and "alert(1)" not in a.body
    assert "Home News" not in a.body and "Home" not in a.title


def test_broken_html_is_read_best_effort(tmp_path: Path) -> None:
    (tmp_path / "a.htm").write_text("<html><body><p>Незакрытый абзац о миграции <div><b>ещё")
    assert "миграции" in read_article(tmp_path / "a.htm").body


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "file is empty"),
     (b"   \n\t\r\n", "file holds only spaces and line breaks, no text"),  # was "file is empty"
     (b"\x00\x01\x02\x03" * 64, "binary")],
)
def test_bad_files_raise_read_error_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_article(path)


def test_vanished_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="vanished"):
        read_article(tmp_path / "gone.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(ReadError, match="folder"):
        read_article(tmp_path / "dir.txt")


READ_AS_USER = """
import os, sys
from pathlib import Path
from searchapp.core.errors import ReadError
from searchapp.core.ingest import read_article
if os.geteuid() == 0:  # drop root once everything is loaded (Python may live in /root)
    os.setgroups([]); os.setgid(65534); os.setuid(65534)
try:
    read_article(Path(sys.argv[1]))
except ReadError as exc:
    print(exc)
"""


def test_unreadable_file() -> None:
    # Root reads any file, so as root (how CI runs) the read is done as "nobody".
    folder = Path(tempfile.mkdtemp(prefix="searchapp-perm-"))
    try:
        folder.chmod(0o755)  # (pytest's tmp_path is private to root)
        path = folder / "secret.txt"
        path.write_text("text")
        path.chmod(0)
        done = subprocess.run(
            [sys.executable, "-c", READ_AS_USER, str(path)], capture_output=True, text=True,
            cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, timeout=120,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("permission denied")


BROKEN_FRONT_MATTER = (
    "---\n"
    "title: Выборы в Бишкеке: явка выше прежней\n"
    "date: 2024-03-05\n"
    'source: "АКИpress"\n'
    "tags: [выборы, Киргизия\n"
    "---\n"
    "Явка на выборах в Бишкеке оказалась выше, чем на прошлых выборах.\n"
)


def test_broken_front_matter_is_read_line_by_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BROKEN_FRONT_MATTER, encoding="utf-8")
    a = read_article(tmp_path / "a.md")
    assert a.title == "Выборы в Бишкеке: явка выше прежней"
    assert a.date == dt.date(2024, 3, 5) and a.source == "АКИpress" and a.lang == "ru"
    assert a.body == "Явка на выборах в Бишкеке оказалась выше, чем на прошлых выборах."
    assert a.warnings and "front matter" in a.warnings[0]


def test_unclosed_front_matter_is_not_the_title(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Паводок в Оше\ndate: 2024-04-02\n\nВода поднялась ночью.\n",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.md")
    assert (a.title, a.date, a.body) == ("Паводок в Оше", dt.date(2024, 4, 2),
                                         "Вода поднялась ночью.")
    assert a.warnings


def test_valid_front_matter_has_no_warning(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Ok\n---\nТекст.", encoding="utf-8")
    assert read_article(tmp_path / "a.md").warnings == ()


def test_unsupported_file_given_directly_gets_a_one_line_reason(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    with pytest.raises(ReadError) as err:
        read_article(path)
    assert err.value.reason == ".jpg files are not read (not an article format)"


def test_size_limit_can_be_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Большой архив о миграции.\n" * 60_000, encoding="utf-8")  # ~2.9 MB
    monkeypatch.setenv("SEARCHAPP_MAX_FILE_MB", "2")
    with pytest.raises(ReadError, match="the limit is 2 MB"):
        read_article(path)
    monkeypatch.setenv("SEARCHAPP_MAX_FILE_MB", "3")
    assert "миграции" in read_article(path).body


def test_a_small_size_limit_is_said_in_bytes(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """It said "0.000286 MB; the limit is 9.92e-05 MB"."""
    (tmp_path / "a.txt").write_text("Выборы\n\n" + "Явка была высокой. " * 15, encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_MAX_FILE_MB", "0.0001")
    with pytest.raises(ReadError) as err:
        read_article(tmp_path / "a.txt")
    assert err.value.reason == ("too large for an article (524 bytes; the limit is 104 bytes, "
                                "raise it with SEARCHAPP_MAX_FILE_MB)")


@pytest.mark.parametrize("limit", ["1e9", "inf", "nan", "-1"])
def test_a_huge_or_odd_size_limit_still_reads_small_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str) -> None:
    """1e9 MB made every file fail ("MemoryError"), inf too ("OverflowError")."""
    (tmp_path / "a.txt").write_text("Выборы в Оше\n\nЯвка была высокой.\n", encoding="utf-8")
    monkeypatch.setenv("SEARCHAPP_MAX_FILE_MB", limit)
    assert read_article(tmp_path / "a.txt").body == "Явка была высокой."


def test_text_between_two_rules_keeps_its_text_but_not_the_fences(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\nОбъявление о выборах\n---\nВыборы пройдут в марте.\n",
                                    encoding="utf-8")
    a = read_article(tmp_path / "a.txt")
    assert a.title == "Объявление о выборах" and "---" not in a.body and "марте" in a.body
    assert a.warnings == ()


def test_html_page_url_and_no_site_name(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<html><head><title>Выборы</title><link rel="canonical" href="https://24.kg/vybory">'
        "</head><body><article><h1>Выборы в Бишкеке</h1><p>"
        + "Избиратели Бишкека выбирали депутатов городского кенеша. " * 6
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.html")
    assert (a.url, a.source) == ("https://24.kg/vybory", "24.kg")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Выборы</title></head><body><article><h1>Выборы в Бишкеке</h1><p>"
        + "Избиратели Бишкека выбирали депутатов городского кенеша. " * 6
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    b = read_article(tmp_path / "b.html")
    assert (b.url, b.source, b.title) == ("", "Unknown", "Выборы в Бишкеке")


def test_html_fragment_the_extractor_gives_up_on(tmp_path: Path) -> None:
    """A saved fragment: all its text, scripts dropped."""
    (tmp_path / "a.html").write_text("<div>Паводок в Оше</div><script>track()</script>",
                                     encoding="utf-8")
    a = read_article(tmp_path / "a.html")
    assert (a.title, a.body, a.source, a.url) == ("Паводок в Оше", "Паводок в Оше", "Unknown", "")


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<!-- сохранено -->", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read_article(tmp_path / "a.html")
    assert (err.value.path, err.value.reason) == (str(tmp_path / "a.html"),
                                                  "no text found in the page")


def test_unclosed_block_of_unknown_keys_is_text(tmp_path: Path) -> None:
    """Only a block naming a known key (title, date, …) is front matter without its fence."""
    text = "---\nNote: the meeting moved to Friday\n\nВстреча перенесена.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    a = read_article(tmp_path / "a.txt")
    assert "Note: the meeting moved to Friday" in a.body and a.warnings == ()


def test_front_matter_warnings_say_what_was_wrong(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Паводок в Оше\nsource: ''\n\nВода поднялась ночью.\n", encoding="utf-8"
    )
    a = read_article(tmp_path / "a.md")
    assert a.warnings == ("front matter has no closing '---'; read line by line",)
    assert a.source == "Unknown"  # the empty quoted value is no source
    (tmp_path / "b.md").write_text(BROKEN_FRONT_MATTER, encoding="utf-8")
    (warning,) = read_article(tmp_path / "b.md").warnings
    assert warning.startswith("front matter is not valid YAML (")
    assert warning.endswith("); read line by line")


@pytest.mark.parametrize("end", [":", ";", ","])
def test_a_first_line_that_runs_on_is_no_headline(tmp_path: Path, end: str) -> None:
    (tmp_path / "a.txt").write_text(
        f"Сообщает пресс-служба{end}\n\nВыборы прошли спокойно. Явка была высокой.\n",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.txt")
    assert a.title == f"Сообщает пресс-служба{end} Выборы прошли спокойно"
    assert a.body.startswith(f"Сообщает пресс-служба{end}\n\n")


def test_a_line_repeated_by_the_scraper_is_kept_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Выборы в Оше\n\nАвтор: Иван Петров\n\nАвтор: Иван Петров\n\nТекст статьи о выборах.\n",
        encoding="utf-8",
    )
    assert read_article(tmp_path / "a.txt").body == "Автор: Иван Петров\n\nТекст статьи о выборах."


def test_a_page_opening_with_its_time_and_an_ellipsis_is_no_teaser(tmp_path: Path) -> None:
    """A teaser (time, headline, "...") of another article never starts the page."""
    (tmp_path / "a.txt").write_text(
        "10:15\nВыборы в Оше\nЯвка оказалась выше, чем ожидали...\n\nПодсчёт голосов идёт.\n",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.txt")
    assert (a.title, a.body) == ("Выборы в Оше",
                                 "Явка оказалась выше, чем ожидали...\n\nПодсчёт голосов идёт.")


def test_a_long_first_sentence_is_cut_at_a_word_without_its_comma(tmp_path: Path) -> None:
    sentence = ("Министр иностранных дел Туркменистана встретился в Ашхабаде с координатором, "
                "послом и советником, представителями организации.")
    (tmp_path / "a.md").write_text(f"---\ndate: 2024-12-11\n---\n{sentence}\n", encoding="utf-8")
    assert read_article(tmp_path / "a.md").title == (
        "Министр иностранных дел Туркменистана встретился в Ашхабаде с координатором, "
        "послом и советником…"
    )


def test_front_matter_under_other_common_keys(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\nheadline: Рынок в Бишкеке\npublished: 2024-03-05\npublisher: АКИpress\n"
        "language: ru-RU\nlink: https://akipress.org/1\n---\n"
        "Apple, Microsoft, Google and Amazon opened offices in Bishkek. Рынок растёт.\n",
        encoding="utf-8",
    )
    a = read_article(tmp_path / "a.md")
    assert (a.title, a.date, a.source, a.lang, a.url) == (
        "Рынок в Бишкеке", dt.date(2024, 3, 5), "АКИpress", "ru", "https://akipress.org/1"
    )
    (tmp_path / "b.md").write_text(
        "---\nsource: [ТАСС, РИА]\nsite: 24.kg\nlang: EN\n---\nМосква, 12 марта 2015\n\n"
        "Встреча прошла в Бишкеке.\n",
        encoding="utf-8",
    )
    b = read_article(tmp_path / "b.md")
    assert (b.title, b.date, b.source, b.lang) == (
        "Москва, 12 марта 2015 Встреча прошла в Бишкеке", dt.date(2015, 3, 12), "24.kg", "en"
    )


def test_a_file_of_one_line_is_an_article_and_one_of_chrome_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Паводок в Оше\n", encoding="utf-8")
    assert read_article(tmp_path / "a.txt").title == "Паводок в Оше"
    (tmp_path / "b.txt").write_text("Read more\nShare\n", encoding="utf-8")
    with pytest.raises(ReadError) as err:
        read_article(tmp_path / "b.txt")
    assert (err.value.path, err.value.reason) == (str(tmp_path / "b.txt"), "no text in the file")


@pytest.mark.parametrize("line", [
    "Мигрантам помогают. 12.03.2024",
    "Aid for migrants arrived! 12 March 2024",
])
def test_a_short_sentence_with_a_date_stays_in_the_body(tmp_path: Path, line: str) -> None:
    """A line of a date and little else is the page's chrome, but not when its
    other words end a sentence: those words are the article's and stay searchable."""
    (tmp_path / "a.txt").write_text(f"Миграция в Казахстане\n\n{line}\n", encoding="utf-8")
    a = read_article(tmp_path / "a.txt")
    assert (a.title, a.body, a.date) == ("Миграция в Казахстане", line, dt.date(2024, 3, 12))


def test_a_dateline_of_the_site_is_still_left_out_of_the_body(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Выборы в Оше\n\nPolitics Materials 15 June 2024 12:24 (UTC +04:00)\n\n"
        "Подсчёт голосов идёт.\n", encoding="utf-8")
    a = read_article(tmp_path / "a.txt")
    assert (a.body, a.date) == ("Подсчёт голосов идёт.", dt.date(2024, 6, 15))


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "0000-00-00", "2024-13-01"])
def test_a_day_that_does_not_exist_loses_the_date_not_the_article(
        tmp_path: Path, date: str) -> None:
    (tmp_path / "a.md").write_text(
        f"---\ntitle: Паводок в Оше\ndate: {date}\nsource: АКИpress\ntags: [паводок]\n---\n"
        "Вода поднялась ночью.\n", encoding="utf-8")
    a = read_article(tmp_path / "a.md")
    assert (a.title, a.date, a.source, a.body) == (
        "Паводок в Оше", None, "АКИpress", "Вода поднялась ночью.")
    (warning,) = a.warnings
    assert warning.startswith("front matter has a day that does not exist (")
    assert warning.endswith("); read line by line")


def test_a_year_alone_is_no_date(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Итоги\ndate: 2024\n---\nИтоги года.\n",
                                   encoding="utf-8")
    assert read_article(tmp_path / "a.md").date is None  # it was 1970-01-01


@pytest.mark.parametrize("block", ["---\n---\n", "---\n\n---\n", "---\r\n---\r\n"])
def test_an_empty_front_matter_block_is_no_title(tmp_path: Path, block: str) -> None:
    (tmp_path / "a.md").write_text(block + "Выборы в Оше прошли спокойно.\n\nЯвка была высокой.\n",
                                   encoding="utf-8", newline="")
    a = read_article(tmp_path / "a.md")  # the title was "---"
    assert (a.title, a.warnings) == ("Выборы в Оше прошли спокойно", ())
    assert a.body.replace("\r", "") == "Выборы в Оше прошли спокойно.\n\nЯвка была высокой."


PAGE = ("<html><head><title>Выборы в Оше</title>{meta}</head><body><nav><a href='/'>Главная</a>"
        "</nav><article><h1>Выборы в Оше</h1><p>{dateline}Явка на выборах в Оше была высокой, "
        "сообщили в избиркоме. Голосование прошло спокойно, нарушений не выявлено.</p><p>"
        "Наблюдатели отметили хорошую организацию. Итоги будут объявлены позже.</p></article>"
        "<footer><p>© 2005–2019 Новости Оша. Все права защищены.</p></footer></body></html>")


@pytest.mark.parametrize("meta, dateline, date", [
    ("", "", None),  # was 2005-01-01, from the copyright footer
    ("", "Ош, 12 марта 2024 г. ", dt.date(2024, 3, 12)),
    ('<meta property="article:published_time" content="2023-06-01T10:00:00+06:00">', "",
     dt.date(2023, 6, 1)),
])
def test_a_pages_date_is_its_own_not_its_copyright_footers(
        tmp_path: Path, meta: str, dateline: str, date: dt.date | None) -> None:
    (tmp_path / "a.html").write_text(PAGE.format(meta=meta, dateline=dateline), encoding="utf-8")
    assert read_article(tmp_path / "a.html").date == date


MENU_PAGES = {
    "menu-lines.txt": (
        "Главная\nНовости\nПолитика\nЭкономика\nОбщество\nВойти\n"
        "Мигранты из Узбекистана получат новые права\n12.03.2024 14:05\n"
        "Мигрантам из Узбекистана предложили новые программы трудоустройства.\n"
        "Читайте также\nКурс доллара вырос до рекорда\nВ Москве открылся новый парк\n"
        "ВКонтакте\nTelegram\n© 2024 Все права защищены\n"),
    "menu-bar.txt": (
        "Главная | Новости | Политика | Экономика | Войти | Регистрация\nПоиск по сайту\n\n"
        "Мигранты из Узбекистана получат новые права\n\n"
        "Мигрантам из Узбекистана предложили новые программы трудоустройства.\n"
        "Читайте также:Курс доллара вырос до рекорда\nТеги: миграция, Узбекистан\n"
        "Реклама | Контакты | О проекте\n"),
    "skip-to-content.txt": (
        "Skip to main content\nMenu\nSearch\nWorld\nBusiness\nMarkets\n"
        "Central bank lifts rates as inflation bites\nMarch 5, 2024 10:15 AM GMT\n"
        "The central bank raised interest rates by a quarter point on Tuesday.\n"
        "Read more\nStocks tumble on rate fears\nOil hits six-month high\n\n"
        "Officials said further increases were possible.\n"),
}


@pytest.mark.parametrize("name", sorted(MENU_PAGES))
def test_a_sites_menu_teasers_and_footer_are_not_the_article(tmp_path: Path, name: str) -> None:
    """The title was «Главная», «Главная | Новости | …» or "Skip to main content"."""
    (tmp_path / name).write_text(MENU_PAGES[name], encoding="utf-8")
    a = read_article(tmp_path / name)
    if name == "skip-to-content.txt":
        assert a.title == "Central bank lifts rates as inflation bites"
        assert a.body == ("The central bank raised interest rates by a quarter point on Tuesday."
                          "\n\nOfficials said further increases were possible.")
    else:
        assert a.title == "Мигранты из Узбекистана получат новые права"
        assert a.body == "Мигрантам из Узбекистана предложили новые программы трудоустройства."


SITE_TOOLS_PAGES = {  # a new user's trial: the title was «Войти Регистрация», "Sign in | Register"
    "sign-in-ru.txt": (
        "Главная | Новости | Политика | Экономика | Спорт\nSkip to main content\n"
        "Войти  Регистрация\n\nТокаев подписал закон о миграции\n\n"
        "Астана, 12 марта 2024 — Президент подписал закон о трудовой миграции.\n\n"
        "Поделиться: ВКонтакте Telegram WhatsApp\nКомментарии (0)\n"
        "Теги: миграция, Казахстан, закон\n© 2024 Kazinform. Все права защищены.\n",
        "Токаев подписал закон о миграции",
        "Астана, 12 марта 2024 — Президент подписал закон о трудовой миграции."),
    "sign-in-en.txt": (
        "Skip to main content\nSign in | Register\nTokayev signs migration law\n\n"
        "ASTANA, March 12, 2024 – Kazakh President Tokayev signed a law on labour migration.\n\n"
        "Share this: Facebook Twitter\n3 Comments\nRead more:\nOil prices fall\n",
        "Tokayev signs migration law",
        "ASTANA, March 12, 2024 – Kazakh President Tokayev signed a law on labour migration."),
    "login-word.txt": (
        "Вход\nТокаев подписал закон о миграции\n12.03.2024 14:35\n"
        "Астана. Президент подписал закон о трудовой миграции.\nВход | Регистрация\n"
        "Комментариев: 25\n",
        "Токаев подписал закон о миграции",
        "Астана. Президент подписал закон о трудовой миграции."),
}


@pytest.mark.parametrize("name", sorted(SITE_TOOLS_PAGES))
def test_sign_in_share_and_comment_lines_are_site_chrome(tmp_path: Path, name: str) -> None:
    text, title, body = SITE_TOOLS_PAGES[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    a = read_article(tmp_path / name)
    assert (a.title, a.body) == (title, body)


NOT_CHROME = {  # texts the menu, copyright and "Read more" rules must leave whole
    "headline-byline-place.txt": ("Новый мост открыт", "Иван Петров\nМосква\n\nВ среду в Москве "
                                  "открыли новый мост через реку."),
    "copyright-words.txt": ("Copyright reform stalls", "Copyright holders say the new rules "
                            "will cost them millions.\nThe vote is set for June."),
    "legal-list.txt": ("New rules for landlords", "A landlord may end the lease if:\n(a) the "
                       "rent is late;\n(c) the tenant sublets without consent.\nIt takes effect "
                       "in May. The company said all rights reserved are void."),
    "related-list.txt": ("Study on sleep", "Related research has shown the same effect.\nThe "
                         "authors list three factors\nstress\ndiet\nscreen time\nThey plan more."),
    "poem.txt": ("Зимнее утро", "Мороз и солнце\nДень чудесный\nЕщё ты дремлешь\nДруг прелестный"
                 "\n\nСтихотворение написано в 1829 году."),
    "list.txt": ("Список покупок", "Молоко\nХлеб\nЯйца\nСыр"),
    "site-words-in-text.txt": (  # a heading, a programme, sentences with a button's words
        "Выборы в Грузии", "Комментарии\nНаблюдатели ОБСЕ назвали выборы свободными.\n\n"
        "Регистрация: 9:00\nВход свободный\nShare prices fell in Tbilisi.\nSign in to vote\n"
        "Facebook\nTelegram и WhatsApp заблокированы не были."),
}


@pytest.mark.parametrize("name", sorted(NOT_CHROME))
def test_headlines_bylines_lists_and_sentences_are_not_taken_for_chrome(
        tmp_path: Path, name: str) -> None:
    title, body = NOT_CHROME[name]
    (tmp_path / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    a = read_article(tmp_path / name)
    assert (a.title, a.body) == (title, body)


@pytest.mark.parametrize(("text", "title"), [
    ("# Заголовок статьи\n\nТекст о выборах в Казахстане. Второе предложение.\n",
     "Заголовок статьи"),
    ("## Подзаголовок ##\n\nТекст о выборах в Казахстане. Второе предложение.\n", "Подзаголовок"),
    ("\nЗаголовок статьи\n=====\n\nТекст о выборах в Казахстане. Второе предложение.\n",
     "Заголовок статьи"),
    ("---\nauthor: X\n---\n# Выборы: **итоги** `дня`\n\n"
     "Текст о выборах в Казахстане. Второе предложение.\n", "Выборы: итоги дня"),
    ("---\nauthor: X\n---\n**Выборы** в [Казахстане](http://x.kz) прошли. "
     "Текст о выборах в Казахстане. Второе предложение.\n", "Выборы в Казахстане прошли"),
], ids=["atx", "atx-closed", "setext", "front-matter-heading", "front-matter-no-heading"])
def test_markdown_title_is_its_heading_without_the_marks(
        tmp_path: Path, text: str, title: str) -> None:
    """The heading at the top, else the first sentence, without # nor emphasis marks
    (the heading kept its «#», front matter without a title took the heading and
    the first paragraph together)."""
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    a = read_article(tmp_path / "a.md")
    assert a.title == title
    assert a.body.endswith("Текст о выборах в Казахстане. Второе предложение.")
    assert "#" not in a.body and "===" not in a.body


@pytest.mark.parametrize("line", ["Москва, 1 марта 2023. новая статья", "Москва, 1 марта 2023 г."],
                         ids=["dateline-and-words", "dateline-only"])
def test_a_file_of_one_line_with_a_date_is_indexed(tmp_path: Path, line: str) -> None:
    """The line read as a site's dateline and was dropped: "no text in the file"."""
    (tmp_path / "a.txt").write_text(line + "\n", encoding="utf-8")
    a = read_article(tmp_path / "a.txt")
    assert (a.body, a.date) == (line, dt.date(2023, 3, 1))
    assert a.title == line.rstrip(".")


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


NFC_TITLE, NFC_TEXT = "Новогодняя ёлка и йод", "В Москве установили ёлку. Врачи советуют йод."
NFD_FILES = {
    "a.txt": f"{NFC_TITLE}\n\n{NFC_TEXT}\n",
    "b.md": f"---\ntitle: {NFC_TITLE}\nsource: Ёлки-Палки\n---\n{NFC_TEXT}\n",
    "c.html": f"<html><head><title>{NFC_TITLE}</title></head><body><article>"
              f"<h1>{NFC_TITLE}</h1><p>{NFC_TEXT} {NFC_TEXT}</p></article></body></html>",
}


@pytest.mark.parametrize("name", list(NFD_FILES))
def test_text_in_nfd_is_read_in_nfc(tmp_path: Path, name: str) -> None:
    """ё and й written as a letter and a combining mark (macOS, some PDFs) were found by
    no query: «ёлка» in NFD is no word «ёлка» to the index."""
    assert _nfd(NFC_TITLE) != NFC_TITLE
    (tmp_path / name).write_text(_nfd(NFD_FILES[name]), encoding="utf-8")
    a = read_article(tmp_path / name)
    assert a.title == NFC_TITLE
    assert a.body.startswith(NFC_TEXT)
    assert a.source == ("Ёлки-Палки" if name == "b.md" else "Unknown")


@pytest.mark.parametrize(("name", "text"), [
    ("a.txt", "Статья про ми\u00adгра\u00adцию\n\nВопросы ми\u00adгра\u00adции обсудили. "
              "Токаев\u200b заявил о нефти.\u2060\ufeff\n"),
    ("b.md", "---\ntitle: Статья про ми\u00adгра\u00adцию\n---\nВопросы ми\u200bгра\u200cции "
             "обсудили. Токаев\u200d заявил о нефти.\n"),
    ("c.html", "<html><head><title>Статья про ми&shy;гра&shy;цию</title></head><body><article>"
               "<h1>Статья про ми&#173;гра&#173;цию</h1><p>Вопросы ми&#8203;гра&#8288;ции "
               "обсудили. Токаев&#8203; заявил о нефти. Ещё одно предложение о миграции.</p>"
               "</article></body></html>"),
], ids=["txt", "md", "html"])
def test_invisible_characters_inside_words_are_dropped(
        tmp_path: Path, name: str, text: str) -> None:
    """A soft hyphen, a zero-width space or joiner, a word joiner inside a word split it
    for the index («ми\u00adгра\u00adции» was not found by «миграция») and stayed in the
    title unseen."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    a = read_article(tmp_path / name)
    assert a.title == "Статья про миграцию"
    assert a.body.startswith("Вопросы миграции обсудили. Токаев заявил о нефти.")
    assert not set(a.title + a.body) & set("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def test_emoji_joined_by_a_zero_width_joiner_stay_one_picture(tmp_path: Path) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    (tmp_path / "a.txt").write_text(f"Праздник\n\nСемья {family} встретила праздник.\n",
                                    encoding="utf-8")
    assert family in read_article(tmp_path / "a.txt").body


@pytest.mark.parametrize(("value", "date", "warnings"), [
    ("2024/03/15", dt.date(2024, 3, 15), []),  # no date and no warning
    ("15.03.24", dt.date(2024, 3, 15), []),
    ('"2024-03-15"', dt.date(2024, 3, 15), []),
    ("TBD", None, [ReasonKind.FRONT_MATTER_BAD_DATE]),
    ("2024", None, [ReasonKind.FRONT_MATTER_BAD_DATE]),  # a year: no day
    ("2024-02-30", None, [ReasonKind.FRONT_MATTER_BAD_DAY]),  # said once
    ('""', None, []),
])
def test_a_front_matter_date_is_read_or_warned_about(
        tmp_path: Path, value: str, date: dt.date | None, warnings: list[ReasonKind]) -> None:
    """``date: 2024/03/15`` gave no date and no warning: a date that cannot be read was
    left out without a word."""
    (tmp_path / "a.md").write_text(f"---\ntitle: Хлопок\ndate: {value}\n---\nТекст о хлопке.\n",
                                   encoding="utf-8")
    a = read_article(tmp_path / "a.md")
    assert a.date == date
    assert [w.kind for w in a.warnings if isinstance(w, Reason)] == warnings
    assert len(a.warnings) == len(warnings)
    if warnings == [ReasonKind.FRONT_MATTER_BAD_DATE]:
        assert a.warnings[0] == f"front matter's date cannot be read ({value}): left out"


@pytest.mark.parametrize("dateline", [
    "15.06.24", "2023/02/03", "12-08-2019", "Posted on August 12th, 2019 by admin"])
def test_a_dateline_of_a_new_format_is_no_part_of_the_text(tmp_path: Path, dateline: str) -> None:
    """The dateline was not read, so it began the snippet: «15.06.24 The cotton harvest…»."""
    (tmp_path / "a.txt").write_text(f"Article about cotton\n\n{dateline}\n\nThe cotton harvest "
                                    "in Turkmenistan grew this year, officials said.\n")
    a = read_article(tmp_path / "a.txt")
    assert a.date is not None and a.title == "Article about cotton"
    assert a.body == "The cotton harvest in Turkmenistan grew this year, officials said."


RIA = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
       "<title>Мигрантам упростят получение патента - РИА Новости, 12.03.2024</title></head>"
       "<body><div class='menu'><a>Политика</a> <a>Экономика</a></div><div class='article'>"
       "{h1}<div class='date'>12:30 12.03.2024</div><p>МОСКВА, 12 мар — РИА Новости. "
       "Правительство России внесло в Госдуму законопроект, упрощающий получение патента для "
       "трудовых мигрантов из стран СНГ.</p><p>По словам авторов, новые правила позволят "
       "сократить сроки оформления документов вдвое.</p></div></body></html>")


@pytest.mark.parametrize("h1", ["<h1>Мигрантам упростят получение патента</h1>", ""],
                         ids=["heading", "no-heading"])
def test_a_page_title_s_site_and_date_are_its_source_and_date(tmp_path: Path, h1: str) -> None:
    """«… - РИА Новости, 12.03.2024»: the source was «РИА Новости, 12.03.2024», no date."""
    (tmp_path / "a.html").write_bytes(RIA.format(h1=h1).encode("cp1251"))
    a = read_article(tmp_path / "a.html")
    assert (a.title, a.source, a.date) == ("Мигрантам упростят получение патента", "РИА Новости",
                                           dt.date(2024, 3, 12))


LD_PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
           "<title>Tokayev visits Ashgabat | The Astana Times</title>"
           "<script type='application/ld+json'>{ld}</script></head><body><main>"
           "<p>ASHGABAT – Kazakh President Kassym-Jomart Tokayev arrived in Ashgabat on Thursday "
           "for talks with Turkmen leader Serdar Berdimuhamedov on gas transit and migration.</p>"
           "<p>The two leaders discussed the construction of a new railway.</p>"
           "</main></body></html>")
LD_FLAT = ('{"@type":"NewsArticle","headline":"Tokayev visits Ashgabat &amp; Mary",'
           '"datePublished":"2023-09-14T09:00:00+05:00",'
           '"publisher":{"@type":"Organization","name":"The Astana Times"}}')
LD_GRAPH = ('{"@context":"https://schema.org","@graph":[{"@type":"WebPage","name":"Home"},'
            '{"@type":"Organization","@id":"#org","name":"The Astana Times"},'
            '{"@type":["NewsArticle"],"headline":"Tokayev visits Ashgabat &amp; Mary",'
            '"datePublished":"2023-09-14","publisher":{"@id":"#org"}}]}')


@pytest.mark.parametrize("ld", [LD_FLAT, LD_GRAPH], ids=["flat", "graph"])
def test_a_page_s_json_ld_gives_title_date_and_source(tmp_path: Path, ld: str) -> None:
    """The publisher's name in JSON-LD (no @context, or in a @graph by its @id) was not
    read: the source was Unknown."""
    (tmp_path / "a.htm").write_text(LD_PAGE.format(ld=ld), encoding="utf-8")
    a = read_article(tmp_path / "a.htm")
    assert (a.title, a.source, a.date) == ("Tokayev visits Ashgabat & Mary", "The Astana Times",
                                           dt.date(2023, 9, 14))


def test_a_page_title_s_site_is_left_out_of_the_title(tmp_path: Path) -> None:
    ld = '{"@type":"NewsArticle","publisher":{"name":"The Astana Times"}}'
    (tmp_path / "a.htm").write_text(LD_PAGE.format(ld=ld).replace("<main>", "<main><div>")
                                    .replace("</main>", "</div></main>"), encoding="utf-8")
    a = read_article(tmp_path / "a.htm")
    assert (a.title, a.source) == ("Tokayev visits Ashgabat", "The Astana Times")


def test_a_title_s_last_part_without_a_date_is_no_source(tmp_path: Path) -> None:
    """«| Politics» is a section as often as a site: only a site with a date is taken."""
    (tmp_path / "a.html").write_text(
        "<html><head><title>Tokayev visits Ashgabat | Politics</title></head><body><article>"
        "<p>" + "Kazakh President Tokayev arrived in Ashgabat for talks on gas transit. " * 4
        + "</p></article></body></html>", encoding="utf-8")
    assert read_article(tmp_path / "a.html").source == "Unknown"


SAVED_PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
              "<title>Migration talks in Geneva - World News</title>{meta}</head><body><nav>"
              "<a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
              "<h1>Migration talks in Geneva</h1><time>14 June 2024</time>\n<p>Delegates from "
              "forty countries met in Geneva to discuss migration and refugees.</p>\n<p>Talks "
              "on labour migrants' rights will continue next month, officials said.</p>"
              "</article><footer>© 2010 World News</footer></body></html>")


@pytest.mark.parametrize("meta", [
    "<meta property='og:site_name' content='World News'>"
    "<meta property='article:published_time' content='2024-06-14T10:00:00+00:00'>", ""],
    ids=["metadata", "no-metadata"])
def test_a_saved_page_s_text_begins_after_its_title_and_dateline(
        tmp_path: Path, meta: str) -> None:
    """A short page's text came as one line that began with the title and the date:
    «Migration talks in Geneva 14 June 2024 Delegates from…» in every snippet."""
    (tmp_path / "saved page.html").write_text(SAVED_PAGE.format(meta=meta), encoding="utf-8")
    a = read_article(tmp_path / "saved page.html")
    assert a.title == "Migration talks in Geneva" and a.date == dt.date(2024, 6, 14)
    assert a.body == ("Delegates from forty countries met in Geneva to discuss migration and "
                      "refugees.\nTalks on labour migrants' rights will continue next month, "
                      "officials said.")


SHORT_PAGE = ("<html><head><meta charset='utf-8'><title>Паводки в Казахстане: эвакуированы тысячи "
              "жителей | Tengrinews.kz</title></head><body>{menu}<h1>Паводки в Казахстане: "
              "эвакуированы тысячи жителей</h1><p>В Северо-Казахстанской области из-за паводков "
              "эвакуированы более пяти тысяч человек, сообщили в МЧС.</p>{footer}</body></html>")


@pytest.mark.parametrize("menu, footer", [
    ("<nav>Главная | Новости</nav>", ""),
    ("<nav><ul><li>Главная</li><li>Новости</li><li>Общество</li><li>Спорт</li></ul></nav>",
     "<nav><a href='/about'>О проекте</a> | <a href='/ads'>Реклама</a></nav>"),
    ("<div role='navigation'>Главная · Новости</div>", ""),
    ("<div class='top'>Главная | Новости | Политика</div>", ""),
], ids=["nav-bar", "nav-list-and-footer", "role-navigation", "menu-line"])
def test_a_short_page_has_no_menu_nor_its_headline_in_its_text(
        tmp_path: Path, menu: str, footer: str) -> None:
    """trafilatura's fallback for a short page keeps its menu: the text began «Главная |
    Новости Паводки в Казахстане: …», the headline repeated after the menu."""
    (tmp_path / "page.html").write_text(SHORT_PAGE.format(menu=menu, footer=footer),
                                        encoding="utf-8")
    a = read_article(tmp_path / "page.html")
    assert a.title == "Паводки в Казахстане: эвакуированы тысячи жителей"
    assert a.body == ("В Северо-Казахстанской области из-за паводков эвакуированы более пяти "
                      "тысяч человек, сообщили в МЧС.")


def test_a_menu_word_in_a_page_s_text_stays(tmp_path: Path) -> None:
    """Only a menu's lines before the text and after it are dropped, not the same words inside."""
    page = SHORT_PAGE.format(menu="<nav><ul><li>Новости</li><li>Спорт</li></ul></nav>",
                             footer="<p>Спорт</p><p>Матч перенесли из-за паводков.</p>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert read_article(tmp_path / "page.html").body == (
        "В Северо-Казахстанской области из-за паводков эвакуированы более пяти тысяч человек, "
        "сообщили в МЧС.\nСпорт\nМатч перенесли из-за паводков.")
