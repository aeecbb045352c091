import type { HowWeListenMessages } from './en.ts';

const pl: HowWeListenMessages = {
  title: 'Jak słuchamy',
  intro:
    'Rada szuka zgłoszeń lokalnych problemów tam, gdzie ludzie już o nich mówią: w kanałach lokalnych wiadomości i forów, we własnej skrzynce e-mail i pod numerem SMS oraz w publicznych sieciach społecznościowych. Ta strona powstaje z używanych ustawień, więc opisuje to, co naprawdę się dzieje.',
  failed: 'Nie udało się wczytać tej strony. Spróbuj ponownie.',
  off: 'Nasłuch jest wyłączony: rada czyta tylko to, co wysłano przez tę stronę.',
  sourcesHeading: 'Gdzie słuchamy',
  kinds: {
    feed: 'Kanały wiadomości, blogów i forów (RSS lub Atom)',
    email: 'E-maile do skrzynki rady',
    sms: 'SMS-y na numer rady',
    mastodon: 'Publiczne wpisy na Mastodonie',
    bluesky: 'Publiczne wpisy na Bluesky',
  },
  keywordsHeading: 'Czego szukamy',
  keywordsIntro: 'Wiadomość zostaje zapisana tylko wtedy, gdy zawiera jedno z tych słów i nazywa miejsce na naszym obszarze albo została wysłana bezpośrednio do rady.',
  languages: { en: 'Po angielsku', pl: 'Po polsku' },
  except: 'Chyba że zawiera też: {words}',
  keptHeading: 'Co przechowujemy i jak długo',
  unconverted: 'Wiadomość, z której nie powstało zgłoszenie, usuwamy po {days} dniach.',
  converted: 'Wiadomość, z której powstało zgłoszenie, po jego zamknięciu zachowuje tylko tekst, link i czas; informację o autorze usuwamy.',
  stored: [
    'Tylko wiadomości, które zawierają jedno z powyższych słów i nazywają miejsce na naszym obszarze albo zostały wysłane do nas.',
    'Tekst, link do oryginału, czas oraz autora tak, jak pokazuje go platforma.',
  ],
  never: [
    'Listy ani wyszukiwania wiadomości jednej osoby.',
    'Imion ani nazw kont w żadnych statystykach (liczymy je przez hash z kluczem).',
    'Niczego z prywatnych grup ani zamkniętych platform.',
    'Wiadomości na żadnej publicznej stronie ani w otwartych danych.',
  ],
  neverHeading: 'Czego nigdy nie robimy',
  contactHeading: 'Z kim się kontaktować',
  contact: 'Aby o to zapytać albo poprosić o usunięcie wiadomości o Tobie, napisz na adres {email}.',
  noContact: 'Aby o to zapytać albo poprosić o usunięcie wiadomości o Tobie, skontaktuj się z radą.',
  privacy: 'Twoje dane i prywatność',
};

export default pl;
