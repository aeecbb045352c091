import type { OpenDataMessages } from './en.ts';

/** Komunikaty strony otwartych danych po polsku: te same klucze co w en.ts. */
const pl: OpenDataMessages = {
  title: 'Otwarte dane',
  intro:
    'Każde publiczne zgłoszenie to otwarte dane. Użyj tych adresów w programie GIS, takim jak QGIS, w mapie internetowej, arkuszu kalkulacyjnym lub własnym kodzie. Zawsze zwracają najnowsze dane.',
  licence: 'Dane można swobodnie wykorzystywać: licencję i sposób podania źródła znajdziesz w każdym pobranym pliku.',
  privacy: 'Żaden z nich nie zawiera danych osobowych: imiona i nazwiska, adresy e-mail i numery telefonów osób zgłaszających nigdy nie są publikowane.',
  insightLink: 'Wykresy i liczby: Jak nam idzie',
  inQgis: 'W QGIS',
  copy: 'Kopiuj',
  copied: 'Skopiowano: {label}.',
  copyFallback: 'Przeglądarka nie pozwoliła skopiować adresu: jest zaznaczony, więc skopiuj go skrótem Ctrl+C (⌘C na Macu) lub długim przytrzymaniem.',
  open: 'Otwórz',
  addresses: {
    download: 'Adres do pobrania',
    gpkg: 'Adres GeoPackage',
    csvFile: 'Adres CSV',
    landing: 'Adres strony głównej usługi',
    tiles: 'Adres kafelków',
    tilejson: 'Adres TileJSON',
    discovery: 'Adres opisu usługi (discovery)',
    feed: 'Adres kanału',
    docs: 'Adres dokumentacji',
    openapi: 'Adres dokumentu OpenAPI',
  },
  endpoints: {
    geojson: {
      name: 'GeoJSON',
      about: 'Wszystkie publiczne zgłoszenia z punktem, linią lub obszarem w jednym pliku GeoJSON.',
      qgis: ['Warstwa ▸ Dodaj warstwę ▸ Dodaj warstwę wektorową…, a jako typ źródła wybierz „Protokół: HTTP(S), chmura itp.”.', 'Wklej adres w polu URI i wybierz Dodaj.'],
    },
    csv: {
      name: 'CSV',
      about: 'Te same zgłoszenia jako arkusz: z długością i szerokością geograficzną oraz kształtem w formacie WKT.',
      qgis: ['Pobierz plik, a potem Warstwa ▸ Dodaj warstwę ▸ Dodaj warstwę tekstową CSV… i wskaż go.', 'W sekcji Definicja geometrii wybierz WKT z polem „wkt” i układem EPSG:4326.'],
    },
    geopackage: {
      name: 'GeoPackage',
      about: 'Jeden plik ze zgłoszeniami (osobne warstwy dla punktów, linii i obszarów), siecią melioracyjną i obszarami gminy oraz tabelą licencji. Działają w nim filtry GeoJSON.',
      qgis: [
        'Pobierz plik i przeciągnij go na mapę albo wybierz Warstwa ▸ Dodaj warstwę ▸ Dodaj warstwę wektorową… i wskaż go.',
        'Zaznacz potrzebne warstwy (reports_points, reports_lines, reports_areas, assets, areas) i wybierz Dodaj warstwy.',
      ],
    },
    shapefile: {
      name: 'Shapefile (ZIP)',
      about: 'To samo dla starszych programów GIS: osobny shapefile dla punktów, linii i poligonów zgłoszeń, sieci melioracyjnej i obszarów; skrócone nazwy pól objaśnione w fields.csv.',
      qgis: [
        'Pobierz archiwum ZIP i przeciągnij je na mapę: QGIS otworzy shapefile bez rozpakowywania.',
        'Nazwy pól mają najwyżej 10 znaków: plik fields.csv w archiwum podaje pełną nazwę każdego z nich.',
      ],
    },
    ditchRegister: {
      name: 'Rejestr rowów',
      about: 'Każdy zmapowany rów i przepust ze stanem w skali 1–5, datą i źródłem ostatniej kontroli oraz przypisanymi zgłoszeniami.',
      qgis: [
        'Pobierz plik GeoPackage i przeciągnij go na mapę: warstwa ditch_register ma jedną linię na odcinek.',
        'Nadaj jej styl według condition_grade (1 bardzo dobry – 5 bardzo zły) w Właściwości warstwy ▸ Styl ▸ Stopniowany.',
      ],
    },
    ogc: {
      name: 'OGC API – Features',
      about: 'Zgłoszenia, urządzenia melioracyjne i obszary gminy, strona po stronie, z filtrami. Najlepszy wybór dla QGIS.',
      qgis: [
        'Warstwa ▸ Dodaj warstwę ▸ Dodaj warstwę WFS / OGC API – Features…, potem Nowe, nazwa i ten adres jako URL.',
        'Wybierz Połącz, wskaż kolekcję (reports, assets lub areas) i wybierz Dodaj.',
      ],
    },
    tiles: {
      name: 'Kafelki wektorowe',
      about: 'Zgłoszenia jako kafelki wektorowe Mapbox (warstwy „reports” i „clusters”), szybkie w każdej skali. Mapy internetowe mogą czytać TileJSON.',
      qgis: [
        'W panelu Przeglądarka kliknij prawym przyciskiem Kafelki wektorowe ▸ Nowe połączenie ogólne…, nadaj nazwę i wklej adres kafelków jako URL.',
        'Ustaw maksymalny poziom powiększenia na 16, wybierz OK, a potem kliknij dwukrotnie nowe połączenie, by dodać warstwę.',
      ],
    },
    open311: {
      name: 'Open311 GeoReport v2',
      about: 'Standardowy interfejs dla aplikacji, które zgłaszają lokalne problemy i śledzą ich los.',
      qgis: [
        'To nie jest warstwa mapy: podaj adres aplikacji obsługującej Open311; stamtąd znajdzie usługi i zgłoszenia.',
        'W QGIS użyj OGC API – Features powyżej, które zawiera te same zgłoszenia.',
      ],
    },
    atom: {
      name: 'Kanał Atom',
      about: 'Najnowsze zgłoszenia i ich zmiany, dla czytnika kanałów.',
      qgis: [
        'To nie jest warstwa mapy: dodaj adres do czytnika kanałów, by dowiadywać się o nowych zgłoszeniach.',
        'Aby zobaczyć te same zgłoszenia na mapie w QGIS, użyj GeoJSON lub OGC API – Features powyżej.',
      ],
    },
    docs: {
      name: 'Dokumentacja API',
      about: 'Każdy publiczny punkt dostępu z filtrami (kategoria, stan, obszar, daty) i odpowiedziami.',
      qgis: [
        'Opisane tam filtry działają też z adresami GeoJSON, CSV, GeoPackage i Shapefile: dopisz je do adresu, zanim dodasz warstwę.',
        'Dokument OpenAPI to ten sam opis dla generatorów kodu i narzędzi API.',
      ],
    },
  },
};

export default pl;
