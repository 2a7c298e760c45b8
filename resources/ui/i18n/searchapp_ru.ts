<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>DateHistogram</name>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="189" />
        <source>No dates</source>
        <translation>Нет дат</translation>
    </message>
</context>
<context>
    <name>FacetPanel</name>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="50" />
        <source>Russian</source>
        <translation>Русский</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="51" />
        <source>English</source>
        <translation>Английский</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="56" />
        <source>Unknown</source>
        <translation>Не указан</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="68" />
        <source>no date</source>
        <translation>без даты</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="280" />
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="281" />
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="282" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="283" />
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="284" />
        <source>From</source>
        <translation>С</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="285" />
        <source>To</source>
        <translation>По</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/facets.py" line="286" />
        <source>Click a bar to show only that period</source>
        <translation>Щёлкните столбец, чтобы оставить только этот период</translation>
    </message>
</context>
<context>
    <name>FailedFilesDialog</name>
    <message>
        <location filename="../../../searchapp/ui/dialogs.py" line="22" />
        <source>Files skipped or read with a defect</source>
        <translation>Пропущенные файлы и файлы с дефектами</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/dialogs.py" line="24" />
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/dialogs.py" line="24" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../../../searchapp/ui/dialogs.py" line="41" />
        <source>&lt;h3&gt;Searching&lt;/h3&gt;&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;миграция&lt;/b&gt;&lt;/td&gt;&lt;td&gt;every form of the word (миграции, миграцией…)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ашхабад конференция&lt;/b&gt;&lt;/td&gt;&lt;td&gt;articles with all the words first&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;"Красный Полумесяц"&lt;/b&gt;&lt;/td&gt;&lt;td&gt;the phrase, in any word form&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;мигрант OR беженец&lt;/b&gt;&lt;/td&gt;&lt;td&gt;either word (or, или between words too)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ашхабад -Болгария&lt;/b&gt;, &lt;b&gt;NOT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;without the word&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Tokayev&lt;/b&gt;, &lt;b&gt;Ашхабад&lt;/b&gt;&lt;/td&gt;&lt;td&gt;a name in either script and its usual spellings: Токаев, Токаева, Tokaev; Ashkhabad, Ашхабаде (Search menu)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;"Tokayev"&lt;/b&gt;&lt;/td&gt;&lt;td&gt;a quoted name: this spelling only&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;мигра*&lt;/b&gt;&lt;/td&gt;&lt;td&gt;words that begin with мигра&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;N+1&lt;/b&gt;, &lt;b&gt;+газ&lt;/b&gt;&lt;/td&gt;&lt;td&gt;+ and [ ] are no syntax: N+1 is N and 1 side by side, +газ is газ; нефть^2 is нефть, with a notice&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;title:&lt;/b&gt;миграция&lt;/td&gt;&lt;td&gt;in the title only&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;source:&lt;/b&gt;Trend, &lt;b&gt;lang:&lt;/b&gt;ru&lt;/td&gt;&lt;td&gt;by source or language&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Filters by source, date and language are on the left; an empty query shows every article, newest first.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Поиск&lt;/h3&gt;&lt;table cellpadding=3&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;миграция&lt;/b&gt;&lt;/td&gt;&lt;td&gt;все формы слова (миграции, миграцией…)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ашхабад конференция&lt;/b&gt;&lt;/td&gt;&lt;td&gt;сначала статьи со всеми словами&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;"Красный Полумесяц"&lt;/b&gt;&lt;/td&gt;&lt;td&gt;фраза в любой форме слов&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;мигрант OR беженец&lt;/b&gt;&lt;/td&gt;&lt;td&gt;любое из слов (или, or между словами — тоже)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ашхабад -Болгария&lt;/b&gt;, &lt;b&gt;NOT&lt;/b&gt;&lt;/td&gt;&lt;td&gt;без этого слова&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Tokayev&lt;/b&gt;, &lt;b&gt;Ашхабад&lt;/b&gt;&lt;/td&gt;&lt;td&gt;имя в любой письменности и в обычных написаниях: Токаев, Токаева, Tokaev; Ashkhabad, Ашхабаде (меню «Поиск»)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;"Tokayev"&lt;/b&gt;&lt;/td&gt;&lt;td&gt;имя в кавычках: только это написание&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;мигра*&lt;/b&gt;&lt;/td&gt;&lt;td&gt;слова, начинающиеся с «мигра»&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;N+1&lt;/b&gt;, &lt;b&gt;+газ&lt;/b&gt;&lt;/td&gt;&lt;td&gt;+ и [ ] — не синтаксис: N+1 — это N и 1 рядом, +газ — это газ; нефть^2 — это нефть, с примечанием&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;title:&lt;/b&gt;миграция&lt;/td&gt;&lt;td&gt;только в заголовке&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;source:&lt;/b&gt;Trend, &lt;b&gt;lang:&lt;/b&gt;ru&lt;/td&gt;&lt;td&gt;по источнику или языку&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Фильтры по источнику, дате и языку — слева; пустой запрос показывает все статьи, сначала новые.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>IndexStatus</name>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="166" />
        <source>The index is busy: another indexing run (another window, or 'searchapp index') is writing it. This one starts when it has finished.</source>
        <translation>Индекс занят: его пишет другой запуск индексации (другое окно или «searchapp index»). Этот начнётся, когда он закончит.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="47" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="48" />
        <source>Show skipped files and warnings…</source>
        <translation>Пропущенные файлы и предупреждения…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="55" />
        <location filename="../../../searchapp/ui/index_status.py" line="68" />
        <source>Indexing…</source>
        <translation>Индексация…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="80" />
        <source>indexed, but: %1</source>
        <translation>проиндексирован, но: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="84" />
        <source>The index is up to date.</source>
        <translation>Индекс актуален.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="87" />
        <source>%1 added, %2 updated, %3 removed, %4 skipped</source>
        <translation>добавлено %1, обновлено %2, удалено %3, пропущено %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/index_status.py" line="109" />
        <source>%n saved-page folder(s) (%1)</source>
        <translation><numerusform>%n папка сохранённой страницы (%1)</numerusform><numerusform>%n папки сохранённых страниц (%1)</numerusform><numerusform>%n папок сохранённых страниц (%1)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/index_status.py" line="109" />
        <source>%n saved-page folder(s)</source>
        <translation><numerusform>%n папка сохранённой страницы</numerusform><numerusform>%n папки сохранённых страниц</numerusform><numerusform>%n папок сохранённых страниц</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/index_status.py" line="111" />
        <source>%n without extension</source>
        <translation><numerusform>%n без расширения</numerusform><numerusform>%n без расширения</numerusform><numerusform>%n без расширения</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="95" />
        <source>not read: %1</source>
        <translation>не прочитаны: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="97" />
        <source>(cancelled; what was indexed is kept)</source>
        <translation>(отменено; проиндексированное сохранено)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="99" />
        <source>(all re-read by this version)</source>
        <translation>(всё перечитано этой версией)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/index_status.py" line="180" />
        <source>Articles: %1 (%2 of %n shard(s)), sources: %3</source>
        <translation><numerusform>Статей: %1 (%2 из %n шарда), источников: %3</numerusform><numerusform>Статей: %1 (%2 из %n шардов), источников: %3</numerusform><numerusform>Статей: %1 (%2 из %n шардов), источников: %3</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="110" />
        <source>Indexing: waiting for shard %1 to answer…</source>
        <translation>Индексация: ждём ответа шарда %1…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/index_status.py" line="109" />
        <source>Articles: %1, sources: %2</source>
        <translation>Статей: %1, источников: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="185" />
        <source>searchapp — news archive search</source>
        <translation>searchapp — поиск по архиву новостей</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="187" />
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="188" />
        <source>&amp;Add folder…</source>
        <translation>&amp;Добавить папку…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="189" />
        <source>Re&amp;move folder</source>
        <translation>&amp;Убрать папку</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="190" />
        <source>&amp;Rebuild index</source>
        <translation>&amp;Перестроить индекс</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="191" />
        <source>&amp;Export results…</source>
        <translation>&amp;Экспорт результатов…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="192" />
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="193" />
        <source>&amp;Search</source>
        <translation>&amp;Поиск</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="194" />
        <source>Match &amp;names across scripts</source>
        <translation>&amp;Имена в любой письменности</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="196" />
        <source>Tokayev also finds Токаев, Токаева; Ashgabat finds Ашхабаде. Quotes switch it off for one word: "Tokayev".</source>
        <translation>Tokayev находит и Токаев, Токаева; Ashgabat — Ашхабаде. Кавычки отключают это для одного слова: "Tokayev".</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="199" />
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="200" />
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="201" />
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="202" />
        <source>Search &amp;syntax</source>
        <translation>&amp;Синтаксис запросов</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="203" />
        <source>&amp;About searchapp</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="170" />
        <source>Indexing the articles for the first time…</source>
        <translation>Первая индексация статей…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="262" />
        <source>Articles show up here as they are indexed.</source>
        <translation>Статьи появляются здесь по мере индексации.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="268" />
        <source>This index was made by another version of searchapp: it is being read anew from its folders…</source>
        <translation>Индекс создан другой версией searchapp: он заново читается из своих папок…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="410" />
        <source>(no folders)</source>
        <translation>(папок нет)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="420" />
        <source>Remove folder</source>
        <translation>Убрать папку</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="421" />
        <source>Remove %1 from the index? Its articles leave the index; the files stay where they are.</source>
        <translation>Убрать %1 из индекса? Её статьи уйдут из индекса, файлы останутся на месте.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="430" />
        <source>%1 removed: %2 left the index.</source>
        <translation>%1 убрана: из индекса ушло: %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/mainwindow.py" line="431" />
        <source>%n article(s)</source>
        <translation><numerusform>%n статья</numerusform><numerusform>%n статьи</numerusform><numerusform>%n статей</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="319" />
        <source>The index has no articles yet: add a folder (File ▸ Add folder…).</source>
        <translation>В индексе ещё нет статей: добавьте папку (Файл ▸ Добавить папку…).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="172" />
        <source>%1 will be added when the current run ends.</source>
        <translation>%1 будет добавлена, когда закончится текущая индексация.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="255" />
        <source>This index is empty.</source>
        <translation>Индекс пуст.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="257" />
        <source>This index has no articles yet: add a folder of articles to search.</source>
        <translation>В индексе пока нет статей: добавьте папку со статьями, чтобы искать.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="320" />
        <source>No article matches this search.</source>
        <translation>Ни одна статья не подходит под этот запрос.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="322" />
        <source>Filters are on: clear them to search every article.</source>
        <translation>Включены фильтры: сбросьте их, чтобы искать по всем статьям.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="324" />
        <source>Try the suggestion above.</source>
        <translation>Попробуйте исправление выше.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="326" />
        <source>Try fewer words, another form, or a prefix: migra*.</source>
        <translation>Попробуйте меньше слов, другую форму или префикс: мигра*.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="381" />
        <source>Export results</source>
        <translation>Экспорт результатов</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="382" />
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="395" />
        <source>Add a folder of articles</source>
        <translation>Добавить папку со статьями</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="175" />
        <source>Changes will show up only at the next start: %1</source>
        <translation>Изменения появятся только при следующем запуске: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="173" />
        <source>Indexing is already running.</source>
        <translation>Индексация уже идёт.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/mainwindow.py" line="389" />
        <source>%n article(s) exported to %1</source>
        <translation><numerusform>%n статья экспортирована в %1</numerusform><numerusform>%n статьи экспортированы в %1</numerusform><numerusform>%n статей экспортировано в %1</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="445" />
        <source>The index is damaged</source>
        <translation>Индекс повреждён</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="446" />
        <source>A part of the index cannot be read. Rebuild it from its folders?</source>
        <translation>Часть индекса не читается. Перестроить его из его папок?</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="450" />
        <source>Rebuild index</source>
        <translation>Перестроить индекс</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="462" />
        <source>Search syntax</source>
        <translation>Синтаксис запросов</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="467" />
        <source>About searchapp</source>
        <translation>О программе searchapp</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/mainwindow.py" line="468" />
        <source>searchapp %1 — full-text search for Russian and English news archives. Whoosh index, pymorphy3 morphology, Qt window.</source>
        <translation>searchapp %1 — полнотекстовый поиск по архивам новостей на русском и английском. Индекс Whoosh, морфология pymorphy3, окно на Qt.</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="25" />
        <source>No article has all words — showing closest matches.</source>
        <translation>Ни в одной статье нет всех слов — показаны ближайшие совпадения.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/notices.py" line="28" />
        <source>The query was cut to its first %n character(s).</source>
        <translation><numerusform>Запрос обрезан до первого %n символа.</numerusform><numerusform>Запрос обрезан до первых %n символов.</numerusform><numerusform>Запрос обрезан до первых %n символов.</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="31" />
        <source>A quote was not closed: it was ignored.</source>
        <translation>Кавычка не закрыта и пропущена.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="33" />
        <source>Unbalanced brackets were ignored.</source>
        <translation>Непарные скобки пропущены.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="38" />
        <source>Unknown field '%1:' was searched as a word (fields: title:, source:, lang:).</source>
        <translation>Неизвестное поле «%1:» искали как слово (поля: title:, source:, lang:).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="43" />
        <source>'%1:' has no word after it: it was left out.</source>
        <translation>После «%1:» нет слова: поле пропущено.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="46" />
        <source>A phrase cannot hold a wildcard: its words were searched apart.</source>
        <translation>Во фразе не может быть шаблона (* или ?): её слова искались по отдельности.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="52" />
        <source>'%1' is too short for a prefix search: it was left out.</source>
        <translation>«%1» — слишком короткое начало слова для поиска по префиксу: оно пропущено.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="55" />
        <source>'%1' between words was read as %2: to search for it as a word, put it in quotes ("%1").</source>
        <translation>«%1» между словами прочитано как %2: чтобы искать это слово, возьмите его в кавычки ("%1").</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="60" />
        <source>A word cannot begin with a wildcard: '%1' was searched as '%2'.</source>
        <translation>Слово не может начинаться с шаблона: вместо «%1» искали «%2».</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="64" />
        <source>'%1' after a word or phrase is not supported: it was left out.</source>
        <translation>«%1» после слова или фразы не поддерживается: пропущено.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="55" />
        <source>The query could not be parsed: its words were searched.</source>
        <translation>Запрос не разобран: искали его слова.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/notices.py" line="58" />
        <source>The query has %n word(s): only the first ones count.</source>
        <translation><numerusform>В запросе %n слово: учитываются только первые.</numerusform><numerusform>В запросе %n слова: учитываются только первые.</numerusform><numerusform>В запросе %n слов: учитываются только первые.</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="62" />
        <source>The query has no words to search for.</source>
        <translation>В запросе нет слов для поиска.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/notices.py" line="67" />
        <source>Shard(s) %1 did not answer: results are from the other %2 of %3 shards.</source>
        <translation><numerusform>Шард %1 не ответил: результаты — от остальных шардов (%2 из %3).</numerusform><numerusform>Шарды %1 не ответили: результаты — от остальных шардов (%2 из %3).</numerusform><numerusform>Шарды %1 не ответили: результаты — от остальных шардов (%2 из %3).</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="35" />
        <source>An operator (AND, OR, NOT) with no word on one side was left out.</source>
        <translation>Оператор (AND, OR, NOT) без слова с одной стороны пропущен.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="49" />
        <source>Unknown language in lang: (the languages are lang:ru and lang:en).</source>
        <translation>Неизвестный язык в lang: (языки: lang:ru и lang:en).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/notices.py" line="64" />
        <source>No article of the index has the source '%1'.</source>
        <translation>Ни у одной статьи индекса нет источника «%1».</translation>
    </message>
</context>
<context>
    <name>QueryBar</name>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="100" />
        <source>Search in Russian or English: миграция, "Красный Полумесяц", migra*…</source>
        <translation>Поиск по-русски или по-английски: миграция, "Красный Полумесяц", migra*…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="105" />
        <source>Relevance</source>
        <translation>По релевантности</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="106" />
        <source>Newest first</source>
        <translation>Сначала новые</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="107" />
        <source>Oldest first</source>
        <translation>Сначала старые</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="111" />
        <source>Sort order</source>
        <translation>Порядок сортировки</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="112" />
        <source>Add a folder of articles…</source>
        <translation>Добавить папку со статьями…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="125" />
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/query_bar.py" line="126" />
        <source>%n article(s)</source>
        <translation><numerusform>%n статья</numerusform><numerusform>%n статьи</numerusform><numerusform>%n статей</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="134" />
        <source>Did you mean: %1?</source>
        <translation>Может быть, вы искали: %1?</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/query_bar.py" line="164" />
        <source>Remove this filter</source>
        <translation>Убрать этот фильтр</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="398" />
        <source>n.d.</source>
        <translation>б. д.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="119" />
        <source>Previous hit (Shift+F3)</source>
        <translation>Предыдущее совпадение (Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="120" />
        <source>Next hit (F3)</source>
        <translation>Следующее совпадение (F3)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="121" />
        <source>Copy citation</source>
        <translation>Цитировать</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="122" />
        <source>Copy title, source, date and path</source>
        <translation>Скопировать для цитирования: заголовок, источник, дату и путь</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="261" />
        <source>Similar articles: looking…</source>
        <translation>Похожие статьи: ищем…</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="263" />
        <source>Similar articles: none found</source>
        <translation>Похожие статьи: не найдены</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="265" />
        <source>Similar articles</source>
        <translation>Похожие статьи</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="131" />
        <source>No article open</source>
        <translation>Статья не открыта</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="132" />
        <source>Pick a result to read it here.</source>
        <translation>Выберите результат, чтобы прочитать его здесь.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="184" />
        <source>hit %1 of %2</source>
        <translation>совпадение %1 из %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/reading_pane.py" line="205" />
        <source>Only the first %n hit(s) are marked</source>
        <translation><numerusform>Отмечено только первое %n совпадение</numerusform><numerusform>Отмечены только первые %n совпадения</numerusform><numerusform>Отмечены только первые %n совпадений</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reading_pane.py" line="185" />
        <source>no hits</source>
        <translation>нет совпадений</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="40" />
        <source>file vanished before it could be read</source>
        <translation>файл исчез, прежде чем его успели прочитать</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="42" />
        <source>permission denied</source>
        <translation>нет прав на чтение</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="200" />
        <source>no permission to write there</source>
        <translation>нет права записи</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="202" />
        <source>the folder does not exist</source>
        <translation>такой папки нет</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="44" />
        <source>is a folder, not a file</source>
        <translation>это папка, а не файл</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="46" />
        <source>could not be read (%1)</source>
        <translation>не удалось прочитать (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="48" />
        <source>file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="50" />
        <source>no text in the file</source>
        <translation>в файле нет текста</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="52" />
        <source>no text found in the page</source>
        <translation>на странице не найден текст</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="55" />
        <source>files without an extension are not read (not an article format)</source>
        <translation>файлы без расширения не читаются (не формат статей)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="58" />
        <source>%1 files are not read (not an article format)</source>
        <translation>файлы %1 не читаются (не формат статей)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="61" />
        <source>not a text file (binary content)</source>
        <translation>не текстовый файл (двоичное содержимое)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="63" />
        <source>broken %1 text</source>
        <translation>повреждённый текст в %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="65" />
        <source>not a readable PDF (password-protected PDF)</source>
        <translation>PDF не читается (защищён паролем)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="68" />
        <source>not a readable PDF (%1)</source>
        <translation>PDF не читается (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="70" />
        <source>damaged PDF (%1)</source>
        <translation>повреждённый PDF (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="72" />
        <source>scanned PDF without a text layer: not indexed</source>
        <translation>отсканированный PDF без текстового слоя: не проиндексирован</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="75" />
        <source>not a readable Word document (%1)</source>
        <translation>документ Word не читается (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="78" />
        <source>not a readable OpenDocument text (%1)</source>
        <translation>текст OpenDocument не читается (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="81" />
        <source>not a MIME message (no headers)</source>
        <translation>не письмо MIME (нет заголовков)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="83" />
        <source>no HTML page in the saved file</source>
        <translation>в сохранённом файле нет HTML-страницы</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="85" />
        <source>file name is not valid UTF-8: rename it</source>
        <translation>имя файла не в кодировке UTF-8: переименуйте его</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="87" />
        <source>could not be read (%1: %2)</source>
        <translation>не удалось прочитать (%1: %2)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="89" />
        <source>folder cannot be read (%1): its files were not read, its articles are kept</source>
        <translation>папка не читается (%1): её файлы не прочитаны, её статьи сохранены</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="36" />
        <source>too many links in a row: a link to itself, or links in a circle</source>
        <translation>слишком много ссылок подряд: ссылка на саму себя или ссылки по кругу</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="36" />
        <source>no such file or folder</source>
        <translation>нет такого файла или папки</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="36" />
        <source>input/output error</source>
        <translation>ошибка ввода-вывода</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="36" />
        <source>file name too long</source>
        <translation>слишком длинное имя файла</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="36" />
        <source>a part of the path is not a folder</source>
        <translation>часть пути — не папка</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="93" />
        <source>link leads nowhere (%1)</source>
        <translation>ссылка никуда не ведёт (%1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="95" />
        <source>link to something that is neither a file nor a folder</source>
        <translation>ссылка не на файл и не на папку</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="98" />
        <source>folder not found (its articles are kept)</source>
        <translation>папка не найдена (её статьи сохранены)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="100" />
        <source>folder not found: the index was made anew, so its articles are not in it until it is back</source>
        <translation>папка не найдена: индекс создан заново, её статей в нём не будет, пока она не вернётся</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="104" />
        <source>front matter is not valid YAML (%1); read line by line</source>
        <translation>шапка файла — неверный YAML (%1); прочитана построчно</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="107" />
        <source>front matter has a day that does not exist (%1); read line by line</source>
        <translation>в шапке файла дата несуществующего дня (%1); прочитана построчно</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="111" />
        <source>front matter is not a list of key: value lines; read line by line</source>
        <translation>шапка файла — не список строк «ключ: значение»; прочитана построчно</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="115" />
        <source>front matter has no closing '---'; read line by line</source>
        <translation>у шапки файла нет закрывающей строки «---»; прочитана построчно</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="124" />
        <source>front matter's date cannot be read (%1): left out</source>
        <translation>дата в шапке файла не читается (%1): пропущена</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="118" />
        <source>shard did not answer (%1): its articles were not indexed; run again when it is back</source>
        <translation>шард не ответил (%1): его статьи не проиндексированы; запустите снова, когда он вернётся</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="122" />
        <source>shard stopped answering (%1): it keeps its last commit; %2 uncommitted changes were lost, the next run redoes them</source>
        <translation>шард перестал отвечать (%1): в нём осталась последняя фиксация; %2 незафиксированных изменений потеряно, следующий запуск сделает их заново</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="126" />
        <source>%1: no such file or folder</source>
        <translation>%1: нет такого файла или папки</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="128" />
        <source>No index at %1 yet: add a folder of articles (File ▸ Add folder…).</source>
        <translation>В %1 ещё нет индекса: добавьте папку со статьями (Файл ▸ Добавить папку…).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="132" />
        <source>%1 is a file, not an index folder</source>
        <translation>%1 — это файл, а не папка индекса</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="135" />
        <source>cannot create the index folder %1: %2</source>
        <translation>не удаётся создать папку индекса %1: %2</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="138" />
        <source>cannot write in the index folder %1: permission denied</source>
        <translation>нет права записи в папку индекса %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="141" />
        <source>cannot write in the index folder %1: its file system is read-only</source>
        <translation>нельзя записать в папку индекса %1: её файловая система только для чтения</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="142" />
        <source>The index at %1 is damaged (%2): rebuild it (File ▸ Rebuild index).</source>
        <translation>Индекс в %1 повреждён (%2): перестройте его (Файл ▸ Перестроить индекс).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="142" />
        <source>The index at %1 was made by another version of this app: it is read anew from its folders.</source>
        <translation>Индекс в %1 создан другой версией программы: он заново читается из своих папок.</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="141" />
        <source>No shard of the cluster %1 answered (%2): are their servers running?</source>
        <translation>Ни один шард кластера %1 не ответил (%2): запущены ли их серверы?</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="145" />
        <source>The shards of %1 keep failing: try again</source>
        <translation>Шарды %1 раз за разом не отвечают: попробуйте ещё раз</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="148" />
        <source>shard %1 did not answer: removing a folder needs every shard; try again when it is back</source>
        <translation>шард %1 не ответил: чтобы убрать папку, нужны все шарды; попробуйте снова, когда он вернётся</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="152" />
        <source>a shard stopped answering (%1): the folder is still listed; remove it again when every shard answers</source>
        <translation>шард перестал отвечать (%1): папка всё ещё в списке; уберите её снова, когда ответят все шарды</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="156" />
        <source>an indexing process failed: %1</source>
        <translation>процесс индексации завершился с ошибкой: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="159" />
        <source>an indexing process ended unexpectedly (exit code %1)</source>
        <translation>процесс индексации неожиданно завершился (код выхода %1)</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="130" />
        <source>%1: the index folder %2 holds the index, not articles</source>
        <translation>%1: в папке индекса %2 лежит индекс, а не статьи</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="51" />
        <source>file holds only spaces and line breaks, no text</source>
        <translation>в файле только пробелы и переводы строк, текста нет</translation>
    </message>
    <message numerus="yes">
        <location filename="../../../searchapp/ui/reasons.py" line="23" />
        <source>%n byte(s)</source>
        <translation><numerusform>%n байт</numerusform><numerusform>%n байта</numerusform><numerusform>%n байт</numerusform></translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="25" />
        <source>%1 KB</source>
        <translation>%1 КБ</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="26" />
        <source>%1 MB</source>
        <translation>%1 МБ</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="27" />
        <source>%1 GB</source>
        <translation>%1 ГБ</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="28" />
        <source>%1 TB</source>
        <translation>%1 ТБ</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/reasons.py" line="41" />
        <source>too large for an article (%1; the limit is %2, raise it with %3)</source>
        <translation>слишком большой для статьи (%1; предел — %2, его поднимает %3)</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <location filename="../../../searchapp/ui/controller.py" line="166" />
        <source>The index is damaged: rebuild it (File ▸ Rebuild index).</source>
        <translation>Индекс повреждён: перестройте его (Файл ▸ Перестроить индекс).</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/controller.py" line="170" />
        <source>Search failed: %1</source>
        <translation>Поиск не удался: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/controller.py" line="271" />
        <source>The folder was not removed: %1</source>
        <translation>Папка не убрана: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/controller.py" line="308" />
        <source>Indexing failed: %1</source>
        <translation>Индексация не удалась: %1</translation>
    </message>
    <message>
        <location filename="../../../searchapp/ui/controller.py" line="229" />
        <source>Could not export to %1: %2</source>
        <translation>Не удалось экспортировать в %1: %2</translation>
    </message>
</context>
</TS>