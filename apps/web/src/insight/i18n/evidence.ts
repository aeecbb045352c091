/** The evidence section's messages (listening, chasers, calls), in every language we speak. */
import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';

const en = {
  heading: 'Evidence of channel shift',
  intro:
    'How we answer what we hear, how often people have to chase a report, and what happened to phone calls after we went online. These figures describe what happened; they do not prove what caused it.',
  listening: {
    heading: 'Answering what we hear',
    summary: '{received} mentions heard; {taken} made into or added to reports, {answered} answered, a median of {hours} hours to the first reply.',
    chartLabel: 'Median hours to the first reply by kind of source',
    hours: 'hours',
    kinds: { feed: 'Feeds and forums', email: 'Email', sms: 'Text message (SMS)', mastodon: 'Mastodon', bluesky: 'Bluesky', all: 'All sources' } as Record<string, string>,
    allMonths: 'whole period',
    cols: { source: 'Source', month: 'Month', received: 'Heard', taken: 'Made into or added to a report', answered: 'Answered', median: 'Median hours to first reply' },
  },
  chasers: {
    heading: 'Chasers per report',
    summary: '{chased} of {reports} reports ({share}) were chased by a later contact: a call, a second post or message.',
    chartLabel: 'Share of reports chased, by month received',
    cols: { month: 'Month', category: 'Category', channel: 'First contact', reports: 'Reports', chased: 'Chased', chasers: 'Later contacts' },
  },
  calls: {
    heading: 'Contact-centre calls before and after going live',
    noGoLive: 'No go-live date is set yet: an administrator sets it with the call log.',
    summary:
      'Since {date}, weekly calls changed by {promoted} on average in the categories we listen for and by {comparison} in the others: a difference of {did} calls a week. This is descriptive: other things changed too.',
    chartLabel: 'Calls per week by category; the line marks the go-live date',
    promoted: 'listened for',
    comparison: 'comparison',
    none: 'No call log has been imported for this period.',
    cols: {
      category: 'Category',
      group: 'Group',
      before: 'Calls a week before',
      after: 'Calls a week after',
      change: 'Change',
      webBefore: 'Web reports a week before',
      webAfter: 'Web reports a week after',
      mentions: 'Mentions a week after',
    },
  },
};

export type EvidenceMessages = typeof en;

const pl: EvidenceMessages = {
  heading: 'Dowody zmiany kanałów kontaktu',
  intro:
    'Jak odpowiadamy na to, co słyszymy, jak często trzeba się dopytywać o zgłoszenie i co stało się z telefonami, odkąd działamy w sieci. Te liczby opisują, co się stało; nie dowodzą, co było przyczyną.',
  listening: {
    heading: 'Odpowiedzi na to, co słyszymy',
    summary: 'Wzmianek: {received}; zamienionych w zgłoszenie lub do niego dołączonych: {taken}, z odpowiedzią: {answered}; mediana czasu do pierwszej odpowiedzi: {hours} godz.',
    chartLabel: 'Mediana godzin do pierwszej odpowiedzi według rodzaju źródła',
    hours: 'godziny',
    kinds: { feed: 'Kanały i fora', email: 'E-mail', sms: 'Wiadomość SMS', mastodon: 'Mastodon', bluesky: 'Bluesky', all: 'Wszystkie źródła' },
    allMonths: 'cały okres',
    cols: { source: 'Źródło', month: 'Miesiąc', received: 'Usłyszane', taken: 'Zamienione w zgłoszenie lub dołączone', answered: 'Z odpowiedzią', median: 'Mediana godzin do pierwszej odpowiedzi' },
  },
  chasers: {
    heading: 'Ponaglenia na zgłoszenie',
    summary: 'Ponaglono {chased} z {reports} zgłoszeń ({share}): telefonem, kolejnym wpisem lub wiadomością.',
    chartLabel: 'Odsetek ponaglanych zgłoszeń według miesiąca',
    cols: { month: 'Miesiąc', category: 'Kategoria', channel: 'Pierwszy kontakt', reports: 'Zgłoszenia', chased: 'Ponaglone', chasers: 'Kolejne kontakty' },
  },
  calls: {
    heading: 'Telefony do biura obsługi przed uruchomieniem i po nim',
    noGoLive: 'Data uruchomienia nie jest jeszcze ustawiona: ustawia ją administrator razem z rejestrem połączeń.',
    summary:
      'Od {date} tygodniowa liczba telefonów zmieniła się średnio o {promoted} w kategoriach, których słuchamy, i o {comparison} w pozostałych: różnica {did} telefonów tygodniowo. To opis, nie dowód: zmieniały się też inne rzeczy.',
    chartLabel: 'Telefony tygodniowo według kategorii; linia oznacza datę uruchomienia',
    promoted: 'słuchamy',
    comparison: 'porównawcza',
    none: 'Nie zaimportowano rejestru połączeń za ten okres.',
    cols: {
      category: 'Kategoria',
      group: 'Grupa',
      before: 'Telefony tygodniowo przed',
      after: 'Telefony tygodniowo po',
      change: 'Zmiana',
      webBefore: 'Zgłoszenia z sieci tygodniowo przed',
      webAfter: 'Zgłoszenia z sieci tygodniowo po',
      mentions: 'Wzmianki tygodniowo po',
    },
  },
};

export const te: () => EvidenceMessages = createCatalogue<EvidenceMessages>({ en, pl }, locale);
