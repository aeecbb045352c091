/** The conversation map's and the call-log admin form's messages, in every language we speak. */
import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';

const en = {
  heading: 'Where people talk about the area',
  intro:
    'The places where residents talk about the area, as heard by our listening: each source, and on Mastodon and Bluesky the communities (servers) and hashtags people use, with what they talk about and where. Sized by the number of mentions heard in the period.',
  privacy:
    'Nobody is named here. People are only counted, by a coded key; a community or hashtag is shown only when at least {k} different people used it ({withheld} smaller ones with {withheldMentions} mentions are left out). Places are counted per area, never as single points. Mentions deleted after the retention period are gone from these figures.',
  summary: '{total} mentions heard in {places} places. Busiest: {busiest} ({count}). {unlocated} could not be placed in an area.',
  none: 'Nothing was heard in this period with these filters.',
  linkTo: 'Link places to',
  linkKinds: { topics: 'Topics', areas: 'Areas' } as Record<'topics' | 'areas', string>,
  graphLabel: 'Diagram: places people talk on the left, joined to what they talk about on the right; thicker lines mean more mentions.',
  placeKinds: { source: 'Source', community: 'Community', hashtag: 'Hashtag' } as Record<string, string>,
  targetKinds: { category: 'Category', rule: 'Keyword rule', area: 'Area' } as Record<string, string>,
  noCategory: 'No category',
  noArea: 'Not placed',
  placesCaption: 'Places people talk about the area, by mentions',
  linksCaption: 'What each place talks about, and where',
  trendHeading: 'Week by week',
  trendLabel: 'Line chart of mentions heard each week, one line per source.',
  trendCaption: 'Mentions heard each week by place',
  mapHeading: 'Where the conversations are about',
  mapLabel: 'Map of the areas shaded by the number of mentions located in each',
  mapCaption: 'Mentions located in each area',
  legend: 'Mentions',
  cols: { place: 'Place', kind: 'Kind', source: 'Heard on', mentions: 'Mentions', target: 'About', week: 'Week', area: 'Area' },
  calls: {
    heading: 'Contact-centre call log (administrators)',
    intro:
      'Import the weekly calls per category from the contact centre (CSV with the columns week, category, calls; week is the Monday). Check the file first: problems are named by line and column, and nothing is stored until you confirm.',
    file: 'CSV file',
    text: 'Or paste the CSV',
    check: 'Check the file',
    checking: 'Checking…',
    ready: '{count} lines are ready to import.',
    problems: '{count} problems: fix them in the file and check it again. Nothing was imported.',
    previewCaption: 'Lines read from the file',
    problemsCaption: 'Problems in the file',
    cols: { line: 'Line', week: 'Week', category: 'Category', calls: 'Calls', where: 'Where', problem: 'Problem' },
    confirm: 'Import {count} lines',
    imported: '{count} lines imported.',
    goLive: 'Go-live date',
    goLiveHint: 'The day the council started answering online; the calls comparison splits on it.',
    saveGoLive: 'Save the date',
    goLiveSaved: 'Go-live date saved: {date}.',
    goLiveCleared: 'Go-live date cleared.',
    failed: 'That did not work:',
  },
};

export type ConversationMessages = typeof en;

const pl: ConversationMessages = {
  heading: 'Gdzie rozmawia się o okolicy',
  intro:
    'Miejsca, w których mieszkańcy rozmawiają o okolicy, tak jak słyszymy je w nasłuchu: każde źródło, a w Mastodonie i Bluesky społeczności (serwery) i hashtagi, których używają ludzie, z tym, o czym i o jakim miejscu mówią. Wielkość według liczby wzmianek usłyszanych w okresie.',
  privacy:
    'Nikt nie jest tu wymieniony z nazwy. Ludzi tylko liczymy, według zakodowanego klucza; społeczność lub hashtag pokazujemy dopiero, gdy użyło go co najmniej {k} różnych osób (pominięto {withheld} mniejszych z {withheldMentions} wzmiankami). Miejsca liczymy w obszarach, nigdy jako pojedyncze punkty. Wzmianki usunięte po okresie przechowywania znikają z tych liczb.',
  summary: 'Usłyszanych wzmianek: {total} w {places} miejscach. Najwięcej: {busiest} ({count}). Bez przypisanego obszaru: {unlocated}.',
  none: 'W tym okresie i przy tych filtrach nic nie usłyszeliśmy.',
  linkTo: 'Połącz miejsca z',
  linkKinds: { topics: 'Tematy', areas: 'Obszary' },
  graphLabel: 'Schemat: po lewej miejsca, w których się rozmawia, połączone z tym, o czym się mówi, po prawej; grubsza linia to więcej wzmianek.',
  placeKinds: { source: 'Źródło', community: 'Społeczność', hashtag: 'Hashtag' },
  targetKinds: { category: 'Kategoria', rule: 'Reguła słów kluczowych', area: 'Obszar' },
  noCategory: 'Bez kategorii',
  noArea: 'Bez obszaru',
  placesCaption: 'Miejsca rozmów o okolicy według liczby wzmianek',
  linksCaption: 'O czym i o jakim obszarze mówi się w każdym miejscu',
  trendHeading: 'Tydzień po tygodniu',
  trendLabel: 'Wykres liniowy wzmianek usłyszanych w każdym tygodniu, jedna linia na źródło.',
  trendCaption: 'Wzmianki usłyszane w każdym tygodniu według miejsca',
  mapHeading: 'Których obszarów dotyczą rozmowy',
  mapLabel: 'Mapa obszarów zacieniowanych według liczby wzmianek w każdym z nich',
  mapCaption: 'Wzmianki umiejscowione w każdym obszarze',
  legend: 'Wzmianki',
  cols: { place: 'Miejsce', kind: 'Rodzaj', source: 'Usłyszane w', mentions: 'Wzmianki', target: 'Dotyczy', week: 'Tydzień', area: 'Obszar' },
  calls: {
    heading: 'Rejestr połączeń biura obsługi (administratorzy)',
    intro:
      'Zaimportuj tygodniową liczbę telefonów według kategorii z biura obsługi (CSV z kolumnami week, category, calls; week to poniedziałek). Najpierw sprawdź plik: problemy są wskazane wierszem i kolumną, a nic nie zostanie zapisane, dopóki nie potwierdzisz.',
    file: 'Plik CSV',
    text: 'Albo wklej CSV',
    check: 'Sprawdź plik',
    checking: 'Sprawdzanie…',
    ready: 'Wierszy gotowych do importu: {count}.',
    problems: 'Problemów: {count}. Popraw je w pliku i sprawdź go ponownie. Nic nie zaimportowano.',
    previewCaption: 'Wiersze odczytane z pliku',
    problemsCaption: 'Problemy w pliku',
    cols: { line: 'Wiersz', week: 'Tydzień', category: 'Kategoria', calls: 'Telefony', where: 'Gdzie', problem: 'Problem' },
    confirm: 'Importuj wiersze: {count}',
    imported: 'Zaimportowano wierszy: {count}.',
    goLive: 'Data uruchomienia',
    goLiveHint: 'Dzień, od którego urząd odpowiada w sieci; porównanie telefonów dzieli się na tej dacie.',
    saveGoLive: 'Zapisz datę',
    goLiveSaved: 'Zapisano datę uruchomienia: {date}.',
    goLiveCleared: 'Usunięto datę uruchomienia.',
    failed: 'Nie udało się:',
  },
};

export const tc: () => ConversationMessages = createCatalogue<ConversationMessages>({ en, pl }, locale);
