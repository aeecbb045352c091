import type { PrivacyMessages } from './en.ts';

const pl: PrivacyMessages = {
  title: 'Twoje dane i prywatność',
  intro: 'Co przechowujemy o Tobie, gdy zgłaszasz problem lub go obserwujesz, po co i jak długo. Poniższe okresy to te, które stosuje ta strona: pochodzą z jej ustawień.',
  controller: 'Za Twoje dane odpowiada (administrator danych): {name}.',
  contact: 'Aby zapytać, jakie dane o Tobie mamy, poprawić je lub usunąć, napisz na adres {email}.',
  noContact: 'Aby zapytać, jakie dane o Tobie mamy, poprawić je lub usunąć, skontaktuj się z: {name}.',
  policy: 'Pełna informacja o prywatności',
  myReports: 'Zobacz swoje zgłoszenia i obserwacje, wyłącz wszystkie e-maile lub sam usuń swoje dane kontaktowe',
  failed: 'Nie udało się wczytać informacji o prywatności. Spróbuj ponownie.',
  howWeListen: 'Jak słuchamy: co rada czyta w kanałach RSS, e-mailach, SMS-ach i sieciach społecznościowych i co przechowuje',
  periods: {
    minutes: { one: '{count} minuta', few: '{count} minuty', many: '{count} minut', other: '{count} minuty' },
    days: { one: '{count} dzień', few: '{count} dni', many: '{count} dni', other: '{count} dnia' },
    weeks: { one: '{count} tydzień', few: '{count} tygodnie', many: '{count} tygodni', other: '{count} tygodnia' },
    months: { one: '{count} miesiąc', few: '{count} miesiące', many: '{count} miesięcy', other: '{count} miesiąca' },
  } as PrivacyMessages['periods'],
  items: {
    contact: {
      heading: 'Twoje imię i nazwisko, e-mail i telefon w zgłoszeniu',
      why: 'Aby rada mogła informować Cię o postępach, zapytać o problem i zapytać, czy został naprawiony. Nigdy nie są publikowane ani udostępniane w otwartych danych; widzą je tylko pracownicy rady.',
      kept: 'Przechowywane, dopóki zgłoszenie jest otwarte, i przez {afterClosed} po jego zamknięciu, potem usuwane. Zgłoszenie zostaje, bez nich.',
    },
    follows: {
      heading: 'Twój e-mail, gdy obserwujesz zgłoszenie lub obszar',
      why: 'Aby wysyłać Ci aktualizacje, o które prosisz. Każdy e-mail zawiera link, by je wyłączyć.',
      kept: 'Niepotwierdzona obserwacja jest usuwana po upływie: {unconfirmed}; wyłączona — po upływie kolejnych: {afterEnded}.',
    },
    reports: {
      heading: 'Treść zgłoszenia',
      why: 'Opis, miejsce, odpowiedzi na pytania i zdjęcia są publicznym zapisem problemu i tego, co rada z nim zrobiła, publikowanym jako otwarte dane.',
      kept: 'Przechowywane jako zapis publiczny. Twoje imię i nazwisko jest przy nim pokazane tylko, jeśli tak wybierzesz.',
    },
    photos: {
      heading: 'Zdjęcia',
      why: 'Publikowane ze zgłoszeniem. Położenie i dane aparatu zapisane w zdjęciu są usuwane przed jego zapisaniem.',
      kept: 'Przechowywane ze zgłoszeniem.',
    },
    supports: {
      heading: 'Poparcie zgłoszenia',
      why: 'Twój telefon tworzy losową liczbę, aby poparcie liczyło się raz; przechowujemy tylko jej jednokierunkowy skrót, który nic o Tobie nie mówi.',
      kept: 'Przechowywane ze zgłoszeniem.',
    },
    fixedQuestion: {
      heading: '„Czy to naprawione?”',
      why: 'Jeśli podasz e-mail, zapytamy Cię raz, czy problem został naprawiony, po upływie: {askedAfter} od oznaczenia go jako naprawiony lub od obiecanego terminu.',
      kept: 'Link w tym e-mailu działa przez {linkValid}.',
    },
    residentSignIn: {
      heading: 'Logowanie do „Moich zgłoszeń”',
      why: 'Link w e-mailu pozwala zobaczyć Twoje zgłoszenia na każdym urządzeniu, bez hasła.',
      kept: 'Link działa raz, przez {linkValid}; na tym urządzeniu pozostajesz zalogowany przez {session}, chyba że się wylogujesz.',
    },
    networkAddresses: {
      heading: 'Twój adres sieciowy',
      why: 'Aby powstrzymać zalew zgłoszeń i e-maili, liczymy żądania według jednokierunkowego skrótu adresu, nigdy samego adresu.',
      kept: 'Liczniki są usuwane po upływie: {kept}.',
    },
    listening: {
      heading: 'Co piszesz publicznie o okolicy',
      why: 'Czytamy publiczne wpisy, kanały oraz SMS-y i e-maile do nas, które zawierają nasze słowa kluczowe i nazwę miejsca w naszym obszarze, aby odpowiedzieć Ci tam, gdzie piszesz.',
      kept: 'Wiadomość, z której nie powstało zgłoszenie, usuwamy po upływie: {unconverted}; z tej, która stała się zgłoszeniem, po jego zamknięciu zostają tylko słowa, link i czas.',
    },
  },
};

export default pl;
