"""Fill resources/ui/i18n/*.ts with the translations kept here, then compile them.

    python tools/fill_translations.py    # after pyside6-lupdate added new strings

Strings missing from RU stay untranslated (lrelease reports them).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

I18N = Path(__file__).resolve().parents[1] / "resources" / "ui" / "i18n"

RU = {
    "Show skipped files and warnings…": "Пропущенные файлы и предупреждения…",
    "indexed, but: %1": "проиндексирован, но: %1",
    "%1 added, %2 updated, %3 removed, %4 skipped":
        "добавлено %1, обновлено %2, удалено %3, пропущено %4",
    "not read: %1": "не прочитаны: %1",
    "%n saved-page folder(s) (%1)": (
        "%n папка сохранённой страницы (%1)",
        "%n папки сохранённых страниц (%1)",
        "%n папок сохранённых страниц (%1)",
    ),
    "%n saved-page folder(s)": (
        "%n папка сохранённой страницы",
        "%n папки сохранённых страниц",
        "%n папок сохранённых страниц",
    ),
    "%n without extension": ("%n без расширения", "%n без расширения", "%n без расширения"),
    "Russian": "Русский",
    "English": "Английский",
    "Unknown": "Не указан",
    "Re&move folder": "&Убрать папку",
    "(no folders)": "(папок нет)",
    "Remove folder": "Убрать папку",
    "Remove %1 from the index? Its articles leave the index; the files stay where they are.":
        "Убрать %1 из индекса? Её статьи уйдут из индекса, файлы останутся на месте.",
    "%1 removed: %2 left the index.": "%1 убрана: из индекса ушло: %2.",
    "%1 will be added when the current run ends.":
        "%1 будет добавлена, когда закончится текущая индексация.",
    "This index is empty.": "Индекс пуст.",
    "This index has no articles yet: add a folder of articles to search.":
        "В индексе пока нет статей: добавьте папку со статьями, чтобы искать.",
    "Add a folder of articles…": "Добавить папку со статьями…",
    "No article has all words — showing closest matches.":
        "Ни в одной статье нет всех слов — показаны ближайшие совпадения.",
    "A quote was not closed: it was ignored.": "Кавычка не закрыта и пропущена.",
    "Unbalanced brackets were ignored.": "Непарные скобки пропущены.",
    "The query could not be parsed: its words were searched.":
        "Запрос не разобран: искали его слова.",
    "The query has no words to search for.": "В запросе нет слов для поиска.",
    "An operator (AND, OR, NOT) with no word on one side was left out.":
        "Оператор (AND, OR, NOT) без слова с одной стороны пропущен.",
    "Unknown language in lang: (the languages are lang:ru and lang:en).":
        "Неизвестный язык в lang: (языки: lang:ru и lang:en).",
    "No article of the index has the source '%1'.": "Ни у одной статьи индекса нет источника «%1».",
    "Unknown field '%1:' was searched as a word (fields: title:, source:, lang:).":
        "Неизвестное поле «%1:» искали как слово (поля: title:, source:, lang:).",
    "'%1' between words was read as %2: to search for it as a word, put it in quotes (\"%1\").":
        "«%1» между словами прочитано как %2: чтобы искать это слово, "
        "возьмите его в кавычки (\"%1\").",
    "A word cannot begin with a wildcard: '%1' was searched as '%2'.":
        "Слово не может начинаться с шаблона: вместо «%1» искали «%2».",
    "'%1' after a word or phrase is not supported: it was left out.":
        "«%1» после слова или фразы не поддерживается: пропущено.",
    "'%1' is too short for a prefix search: it was left out.":
        "«%1» — слишком короткое начало слова для поиска по префиксу: оно пропущено.",
    "The query was cut to its first %n character(s).": (
        "Запрос обрезан до первого %n символа.",
        "Запрос обрезан до первых %n символов.",
        "Запрос обрезан до первых %n символов.",
    ),
    "The query has %n word(s): only the first ones count.": (
        "В запросе %n слово: учитываются только первые.",
        "В запросе %n слова: учитываются только первые.",
        "В запросе %n слов: учитываются только первые.",
    ),
    "Shard(s) %1 did not answer: results are from the other %2 of %3 shards.": (
        "Шард %1 не ответил: результаты — от остальных шардов (%2 из %3).",
        "Шарды %1 не ответили: результаты — от остальных шардов (%2 из %3).",
        "Шарды %1 не ответили: результаты — от остальных шардов (%2 из %3).",
    ),
    "A part of the index cannot be read. Rebuild it from its folders?":
        "Часть индекса не читается. Перестроить его из его папок?",
    "Search failed: %1": "Поиск не удался: %1",
    "Indexing failed: %1": "Индексация не удалась: %1",
    "Could not export to %1: %2": "Не удалось экспортировать в %1: %2",
    "no permission to write there": "нет права записи",
    "the folder does not exist": "такой папки нет",
    "No dates": "Нет дат",
    "Clear filters": "Сбросить фильтры",
    "Source": "Источник",
    "Date": "Дата",
    "Language": "Язык",
    "From": "С",
    "To": "По",
    "Click a bar to show only that period": "Щёлкните столбец, чтобы оставить только этот период",
    "Files skipped or read with a defect": "Пропущенные файлы и файлы с дефектами",
    "File": "Файл",
    "Reason": "Причина",
    "searchapp — news archive search": "searchapp — поиск по архиву новостей",
    'Search in Russian or English: миграция, "Красный Полумесяц", migra*…':
        'Поиск по-русски или по-английски: миграция, "Красный Полумесяц", migra*…',
    "Relevance": "По релевантности",
    "Newest first": "Сначала новые",
    "Oldest first": "Сначала старые",
    "Sort order": "Порядок сортировки",
    "&File": "&Файл",
    "&Add folder…": "&Добавить папку…",
    "&Rebuild index": "&Перестроить индекс",
    "&Quit": "В&ыход",
    "&View": "&Вид",
    "&Language": "&Язык",
    "&Help": "&Справка",
    "&Search": "&Поиск",
    "Match &names across scripts": "&Имена в любой письменности",
    "Tokayev also finds Токаев, Токаева; Ashgabat finds Ашхабаде. "
    "Quotes switch it off for one word: \"Tokayev\".":
        "Tokayev находит и Токаев, Токаева; Ashgabat — Ашхабаде. "
        "Кавычки отключают это для одного слова: \"Tokayev\".",
    "Search &syntax": "&Синтаксис запросов",
    "&About searchapp": "&О программе",
    "Cancel": "Отмена",
    "Indexing the articles for the first time…": "Первая индексация статей…",
    "Articles show up here as they are indexed.": "Статьи появляются здесь по мере индексации.",
    "This index was made by another version of searchapp: it is being read anew from its folders…":
        "Индекс создан другой версией searchapp: он заново читается из своих папок…",
    "%n article(s)": ("%n статья", "%n статьи", "%n статей"),
    "Remove this filter": "Убрать этот фильтр",
    "Add a folder of articles": "Добавить папку со статьями",
    "Indexing is already running.": "Индексация уже идёт.",
    "Indexing…": "Индексация…",
    "The index is up to date.": "Индекс актуален.",
    "(cancelled; what was indexed is kept)": "(отменено; проиндексированное сохранено)",
    "(all re-read by this version)": "(всё перечитано этой версией)",
    "The index is damaged": "Индекс повреждён",
    "Rebuild index": "Перестроить индекс",
    "Articles: %1, sources: %2": "Статей: %1, источников: %2",
    "Indexing: waiting for shard %1 to answer…": "Индексация: ждём ответа шарда %1…",
    "Articles: %1 (%2 of %n shard(s)), sources: %3": (
        "Статей: %1 (%2 из %n шарда), источников: %3",
        "Статей: %1 (%2 из %n шардов), источников: %3",
        "Статей: %1 (%2 из %n шардов), источников: %3",
    ),
    "Search syntax": "Синтаксис запросов",
    "About searchapp": "О программе searchapp",
    "searchapp %1 — full-text search for Russian and English news archives. "
    "Whoosh index, pymorphy3 morphology, Qt window.":
        "searchapp %1 — полнотекстовый поиск по архивам новостей на русском и английском. "
        "Индекс Whoosh, морфология pymorphy3, окно на Qt.",
    "Previous hit (Shift+F3)": "Предыдущее совпадение (Shift+F3)",
    "Next hit (F3)": "Следующее совпадение (F3)",
    "No article open": "Статья не открыта",
    "Pick a result to read it here.": "Выберите результат, чтобы прочитать его здесь.",
    "no date": "без даты",
    "n.d.": "б. д.",
    "hit %1 of %2": "совпадение %1 из %2",
    "no hits": "нет совпадений",
    "Only the first %n hit(s) are marked": (
        "Отмечено только первое %n совпадение", "Отмечены только первые %n совпадения",
        "Отмечены только первые %n совпадений",
    ),
    "&Export results…": "&Экспорт результатов…",
    "Export results": "Экспорт результатов",
    "CSV (*.csv);;JSON (*.json)": "CSV (*.csv);;JSON (*.json)",
    "%n article(s) exported to %1": (
        "%n статья экспортирована в %1", "%n статьи экспортированы в %1",
        "%n статей экспортировано в %1",
    ),
    "Copy citation": "Цитировать",
    "Did you mean: %1?": "Может быть, вы искали: %1?",
    "Similar articles": "Похожие статьи",
    "Changes will show up only at the next start: %1":
        "Изменения появятся только при следующем запуске: %1",
    "The index has no articles yet: add a folder (File ▸ Add folder…).":
        "В индексе ещё нет статей: добавьте папку (Файл ▸ Добавить папку…).",
    "No article matches this search.": "Ни одна статья не подходит под этот запрос.",
    "Filters are on: clear them to search every article.":
        "Включены фильтры: сбросьте их, чтобы искать по всем статьям.",
    "Try the suggestion above.": "Попробуйте исправление выше.",
    "Try fewer words, another form, or a prefix: migra*.":
        "Попробуйте меньше слов, другую форму или префикс: мигра*.",
    "Similar articles: looking…": "Похожие статьи: ищем…",
    "Similar articles: none found": "Похожие статьи: не найдены",
    "Copy title, source, date and path":
        "Скопировать для цитирования: заголовок, источник, дату и путь",
    "'%1:' has no word after it: it was left out.": "После «%1:» нет слова: поле пропущено.",
    "A phrase cannot hold a wildcard: its words were searched apart.":
        "Во фразе не может быть шаблона (* или ?): её слова искались по отдельности.",
    "The index is busy: another indexing run (another window, or 'searchapp index') is "
    "writing it. This one starts when it has finished.":
        "Индекс занят: его пишет другой запуск индексации (другое окно или «searchapp index»). "
        "Этот начнётся, когда он закончит.",
    "%1 ms": "%1 мс",
    "The index is damaged: rebuild it (File ▸ Rebuild index).":
        "Индекс повреждён: перестройте его (Файл ▸ Перестроить индекс).",
    # Reasons (searchapp.ui.reasons)
    "too large for an article (%1; the limit is %2, raise it with %3)":
        "слишком большой для статьи (%1; предел — %2, его поднимает %3)",
    "%n byte(s)": ("%n байт", "%n байта", "%n байт"),
    "%1 KB": "%1 КБ",
    "%1 MB": "%1 МБ",
    "%1 GB": "%1 ГБ",
    "%1 TB": "%1 ТБ",
    "file vanished before it could be read": "файл исчез, прежде чем его успели прочитать",
    "permission denied": "нет прав на чтение",
    "is a folder, not a file": "это папка, а не файл",
    "could not be read (%1)": "не удалось прочитать (%1)",
    "file is empty": "файл пуст",
    "file holds only spaces and line breaks, no text":
        "в файле только пробелы и переводы строк, текста нет",
    "no text in the file": "в файле нет текста",
    "no text found in the page": "на странице не найден текст",
    "files without an extension are not read (not an article format)":
        "файлы без расширения не читаются (не формат статей)",
    "%1 files are not read (not an article format)":
        "файлы %1 не читаются (не формат статей)",
    "not a text file (binary content)": "не текстовый файл (двоичное содержимое)",
    "broken %1 text": "повреждённый текст в %1",
    "not a readable PDF (password-protected PDF)": "PDF не читается (защищён паролем)",
    "not a readable PDF (%1)": "PDF не читается (%1)",
    "damaged PDF (%1)": "повреждённый PDF (%1)",
    "scanned PDF without a text layer: not indexed":
        "отсканированный PDF без текстового слоя: не проиндексирован",
    "not a readable Word document (%1)": "документ Word не читается (%1)",
    "not a readable OpenDocument text (%1)": "текст OpenDocument не читается (%1)",
    "not a MIME message (no headers)": "не письмо MIME (нет заголовков)",
    "no HTML page in the saved file": "в сохранённом файле нет HTML-страницы",
    "file name is not valid UTF-8: rename it":
        "имя файла не в кодировке UTF-8: переименуйте его",
    "could not be read (%1: %2)": "не удалось прочитать (%1: %2)",
    "folder cannot be read (%1): its files were not read, its articles are kept":
        "папка не читается (%1): её файлы не прочитаны, её статьи сохранены",
    "link leads nowhere (%1)": "ссылка никуда не ведёт (%1)",
    "too many links in a row: a link to itself, or links in a circle":
        "слишком много ссылок подряд: ссылка на саму себя или ссылки по кругу",
    "no such file or folder": "нет такого файла или папки",
    "input/output error": "ошибка ввода-вывода",
    "file name too long": "слишком длинное имя файла",
    "a part of the path is not a folder": "часть пути — не папка",
    "link to something that is neither a file nor a folder":
        "ссылка не на файл и не на папку",
    "folder not found (its articles are kept)": "папка не найдена (её статьи сохранены)",
    "folder not found: the index was made anew, so its articles are not in it until it is back":
        "папка не найдена: индекс создан заново, её статей в нём не будет, пока она не вернётся",
    "front matter is not valid YAML (%1); read line by line":
        "шапка файла — неверный YAML (%1); прочитана построчно",
    "front matter has a day that does not exist (%1); read line by line":
        "в шапке файла дата несуществующего дня (%1); прочитана построчно",
    "front matter is not a list of key: value lines; read line by line":
        "шапка файла — не список строк «ключ: значение»; прочитана построчно",
    "front matter has no closing '---'; read line by line":
        "у шапки файла нет закрывающей строки «---»; прочитана построчно",
    "front matter's date cannot be read (%1): left out":
        "дата в шапке файла не читается (%1): пропущена",
    "shard did not answer (%1): its articles were not indexed; run again when it is back":
        "шард не ответил (%1): его статьи не проиндексированы; запустите снова, когда он "
        "вернётся",
    "shard stopped answering (%1): it keeps its last commit; %2 uncommitted changes were lost, "
    "the next run redoes them":
        "шард перестал отвечать (%1): в нём осталась последняя фиксация; %2 незафиксированных "
        "изменений потеряно, следующий запуск сделает их заново",
    "%1: no such file or folder": "%1: нет такого файла или папки",
    "%1: the index folder %2 holds the index, not articles":
        "%1: в папке индекса %2 лежит индекс, а не статьи",
    "The folder was not removed: %1": "Папка не убрана: %1",
    "No index at %1 yet: add a folder of articles (File ▸ Add folder…).":
        "В %1 ещё нет индекса: добавьте папку со статьями (Файл ▸ Добавить папку…).",
    "%1 is a file, not an index folder": "%1 — это файл, а не папка индекса",
    "cannot create the index folder %1: %2": "не удаётся создать папку индекса %1: %2",
    "cannot write in the index folder %1: permission denied":
        "нет права записи в папку индекса %1",
    "cannot write in the index folder %1: its file system is read-only":
        "нельзя записать в папку индекса %1: её файловая система только для чтения",
    "The index at %1 is damaged (%2): rebuild it (File ▸ Rebuild index).":
        "Индекс в %1 повреждён (%2): перестройте его (Файл ▸ Перестроить индекс).",
    "The index at %1 was made by another version of this app: it is read anew from its folders.":
        "Индекс в %1 создан другой версией программы: он заново читается из своих папок.",
    "No shard of the cluster %1 answered (%2): are their servers running?":
        "Ни один шард кластера %1 не ответил (%2): запущены ли их серверы?",
    "The shards of %1 keep failing: try again":
        "Шарды %1 раз за разом не отвечают: попробуйте ещё раз",
    "shard %1 did not answer: removing a folder needs every shard; try again when it is back":
        "шард %1 не ответил: чтобы убрать папку, нужны все шарды; попробуйте снова, когда он "
        "вернётся",
    "a shard stopped answering (%1): the folder is still listed; remove it again when every "
    "shard answers":
        "шард перестал отвечать (%1): папка всё ещё в списке; уберите её снова, когда ответят "
        "все шарды",
    "an indexing process failed: %1": "процесс индексации завершился с ошибкой: %1",
    "an indexing process ended unexpectedly (exit code %1)":
        "процесс индексации неожиданно завершился (код выхода %1)",
}
HELP_RU = (
    "<h3>Поиск</h3><table cellpadding=3>"
    "<tr><td><b>миграция</b></td><td>все формы слова (миграции, миграцией…)</td></tr>"
    "<tr><td><b>Ашхабад конференция</b></td><td>сначала статьи со всеми словами</td></tr>"
    "<tr><td><b>\"Красный Полумесяц\"</b></td><td>фраза в любой форме слов</td></tr>"
    "<tr><td><b>мигрант OR беженец</b></td><td>любое из слов (или, or между словами — "
    "тоже)</td></tr>"
    "<tr><td><b>Ашхабад -Болгария</b>, <b>NOT</b></td><td>без этого слова</td></tr>"
    "<tr><td><b>Tokayev</b>, <b>Ашхабад</b></td><td>имя в любой письменности и в обычных "
    "написаниях: Токаев, Токаева, Tokaev; Ashkhabad, Ашхабаде (меню «Поиск»)</td></tr>"
    "<tr><td><b>\"Tokayev\"</b></td><td>имя в кавычках: только это написание</td></tr>"
    "<tr><td><b>мигра*</b></td><td>слова, начинающиеся с «мигра»</td></tr>"
    "<tr><td><b>N+1</b>, <b>+газ</b></td><td>+ и [ ] — не синтаксис: N+1 — это N и 1 "
    "рядом, +газ — это газ; нефть^2 — это нефть, с примечанием</td></tr>"
    "<tr><td><b>title:</b>миграция</td><td>только в заголовке</td></tr>"
    "<tr><td><b>source:</b>Trend, <b>lang:</b>ru</td><td>по источнику или языку</td></tr>"
    "</table><p>Фильтры по источнику, дате и языку — слева; пустой запрос показывает "
    "все статьи, сначала новые.</p>"
)
EN_PLURALS = {
    "%n byte(s)": ("%n byte", "%n bytes"),
    "Articles: %1 (%2 of %n shard(s)), sources: %3": (
        "Articles: %1 (%2 of %n shard), sources: %3",
        "Articles: %1 (%2 of %n shards), sources: %3"),
    "%n article(s)": ("%n article", "%n articles"),
    "%n saved-page folder(s) (%1)": (
        "%n saved-page folder (%1)", "%n saved-page folders (%1)"),
    "%n saved-page folder(s)": ("%n saved-page folder", "%n saved-page folders"),
    "%n without extension": ("%n without extension", "%n without extension"),
    "%n article(s) exported to %1": ("%n article exported to %1", "%n articles exported to %1"),
    "The query was cut to its first %n character(s).": (
        "The query was cut to its first %n character.",
        "The query was cut to its first %n characters.",
    ),
    "The query has %n word(s): only the first ones count.": (
        "The query has %n word: only the first ones count.",
        "The query has %n words: only the first ones count.",
    ),
    "Shard(s) %1 did not answer: results are from the other %2 of %3 shards.": (
        "Shard %1 did not answer: results are from the other %2 of %3 shards.",
        "Shards %1 did not answer: results are from the other %2 of %3 shards.",
    ),
    "Only the first %n hit(s) are marked": (
        "Only the first %n hit is marked", "Only the first %n hits are marked"),
}


def fill(path: Path, table: dict[str, object], help_text: str | None) -> None:
    tree = ET.parse(path)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        value = table.get(source)
        if value is None and source.startswith("<h3>") and help_text:
            value = help_text
        if value is None:
            continue
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if isinstance(value, tuple):
            translation.text = None
            for form in value:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    fill(I18N / "searchapp_ru.ts", RU, HELP_RU)
    fill(I18N / "searchapp_en.ts", EN_PLURALS, None)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in sorted(I18N.glob("*.ts")):
        subprocess.run([str(lrelease), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
