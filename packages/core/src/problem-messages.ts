/**
 * What the server says when it refuses something, in every language we speak. Problems keep
 * their stable `code`; only the words change. Messages are raised in English (the rules,
 * schemas and use-cases say them with `say`, or as the same English words), and the API
 * translates the finished problem once, by matching the English against these templates, so
 * no use-case needs to know who is reading. `{name}` marks a value carried over.
 */
import type { ErrorCode, FieldError, Problem } from './errors.ts';
import type { Locale } from './categories.ts';

type Texts = Readonly<Record<Locale, string>>;

/** Each problem code's title, and its detail when a message has no words of its own here. */
export const PROBLEM_TEXTS: Readonly<Record<ErrorCode, { title: Texts; detail: Texts }>> = {
  validation_failed: {
    title: { en: 'Some of what was sent is not valid', pl: 'Część przesłanych danych jest nieprawidłowa' },
    detail: { en: 'Please check what you sent', pl: 'Sprawdź, proszę, przesłane dane' },
  },
  invalid_geometry: {
    title: { en: 'The shape on the map is not valid', pl: 'Kształt na mapie jest nieprawidłowy' },
    detail: { en: 'Please redraw the shape on the map', pl: 'Narysuj, proszę, kształt na mapie jeszcze raz' },
  },
  geometry_type_not_allowed: {
    title: { en: 'This kind of problem cannot be drawn that way', pl: 'Tego rodzaju problemu nie można tak narysować' },
    detail: { en: 'Please draw it another way', pl: 'Narysuj go, proszę, w inny sposób' },
  },
  outside_service_area: {
    title: { en: 'This place is outside the area we look after', pl: 'To miejsce leży poza obszarem, którym się zajmujemy' },
    detail: { en: 'This place is outside the area the council looks after', pl: 'To miejsce leży poza obszarem, którym zajmuje się urząd' },
  },
  unknown_category: {
    title: { en: 'Unknown category', pl: 'Nieznana kategoria' },
    detail: { en: 'Please choose one of the categories offered', pl: 'Wybierz, proszę, jedną z podanych kategorii' },
  },
  bad_request: {
    title: { en: 'Bad request', pl: 'Nieprawidłowe żądanie' },
    detail: { en: 'The request could not be read', pl: 'Nie udało się odczytać żądania' },
  },
  unauthorized: {
    title: { en: 'Please sign in', pl: 'Zaloguj się, proszę' },
    detail: { en: 'Please sign in', pl: 'Zaloguj się, proszę' },
  },
  forbidden: {
    title: { en: 'Not allowed', pl: 'Brak uprawnień' },
    detail: { en: 'You may not do this', pl: 'Nie możesz tego zrobić' },
  },
  not_found: {
    title: { en: 'Not found', pl: 'Nie znaleziono' },
    detail: { en: 'There is nothing here', pl: 'Niczego tu nie ma' },
  },
  method_not_allowed: {
    title: { en: 'Method not allowed', pl: 'Niedozwolona metoda' },
    detail: { en: 'This address does not take that method', pl: 'Ten adres nie przyjmuje tej metody' },
  },
  conflict: {
    title: { en: 'Conflict', pl: 'Konflikt' },
    detail: { en: 'This cannot be done in the present state', pl: 'Nie można tego zrobić w obecnym stanie' },
  },
  invalid_transition: {
    title: { en: 'That change of state is not allowed', pl: 'Taka zmiana stanu jest niedozwolona' },
    detail: { en: 'That change of state is not allowed', pl: 'Taka zmiana stanu jest niedozwolona' },
  },
  gone: {
    title: { en: 'No longer available', pl: 'Już niedostępne' },
    detail: { en: 'This link can no longer be used', pl: 'Tego linku nie można już użyć' },
  },
  payload_too_large: {
    title: { en: 'Too large', pl: 'Za duże' },
    detail: { en: 'What was sent is too large', pl: 'Przesłane dane są za duże' },
  },
  unsupported_media_type: {
    title: { en: 'Unsupported file type', pl: 'Nieobsługiwany typ pliku' },
    detail: { en: 'This kind of file cannot be used here', pl: 'Tego rodzaju pliku nie można tu użyć' },
  },
  rate_limited: {
    title: { en: 'Too many requests', pl: 'Zbyt wiele żądań' },
    detail: { en: 'Too many requests; please try again later', pl: 'Zbyt wiele żądań; spróbuj, proszę, później' },
  },
  internal: {
    title: { en: 'Something went wrong on our side', pl: 'Coś poszło nie tak po naszej stronie' },
    detail: { en: 'Something went wrong on our side. It has been logged.', pl: 'Coś poszło nie tak po naszej stronie. Zapisaliśmy to.' },
  },
  unavailable: {
    title: { en: 'Service unavailable', pl: 'Usługa niedostępna' },
    detail: { en: 'The service is not answering just now; please try again shortly', pl: 'Usługa chwilowo nie odpowiada; spróbuj, proszę, za chwilę' },
  },
};

/**
 * A field refused by a validator with no words of its own, by the kind of issue (zod's issue
 * codes): `{minimum}` and `{maximum}` are the limits the issue names.
 */
export const ISSUE_TEXTS: Readonly<Record<string, Texts>> = {
  invalid_type: { en: 'This value has the wrong type', pl: 'Ta wartość ma zły typ' },
  too_small: { en: 'This value is too small or too short (at least {minimum})', pl: 'Ta wartość jest za mała lub za krótka (co najmniej {minimum})' },
  too_big: { en: 'This value is too large or too long (at most {maximum})', pl: 'Ta wartość jest za duża lub za długa (najwyżej {maximum})' },
  invalid_format: { en: 'This value is not in the expected format', pl: 'Ta wartość ma nieoczekiwany format' },
  invalid_value: { en: 'This is not one of the values allowed', pl: 'To nie jest jedna z dozwolonych wartości' },
  invalid_union: { en: 'This value is not valid', pl: 'Ta wartość jest nieprawidłowa' },
  unrecognized_keys: { en: 'This field is not expected here', pl: 'To pole jest tu nieoczekiwane' },
  custom: { en: 'This value is not valid', pl: 'Ta wartość jest nieprawidłowa' },
};

/** Words that stand inside messages (`{kind}`, `{allowed}`, `{key}`) and are translated with them. */
const WORDS: Readonly<Record<string, Texts>> = {
  'a point': { en: 'a point', pl: 'punkt' },
  'a line': { en: 'a line', pl: 'linię' },
  'an area': { en: 'an area', pl: 'obszar' },
  name: { en: 'name', pl: 'imię i nazwisko' },
  email: { en: 'email', pl: 'adres e-mail' },
  phone: { en: 'phone', pl: 'numer telefonu' },
  // Report states as `report-actions.ts` words them ("in progress")
  new: { en: 'new', pl: 'nowe' },
  acknowledged: { en: 'acknowledged', pl: 'przyjęte' },
  'in progress': { en: 'in progress', pl: 'w realizacji' },
  'action scheduled': { en: 'action scheduled', pl: 'prace zaplanowane' },
  in_progress: { en: 'in_progress', pl: 'w realizacji' },
  action_scheduled: { en: 'action_scheduled', pl: 'prace zaplanowane' },
  fixed: { en: 'fixed', pl: 'naprawione' },
  closed: { en: 'closed', pl: 'zamknięte' },
  duplicate: { en: 'duplicate', pl: 'duplikat' },
  referred: { en: 'referred', pl: 'przekazane dalej' },
  hidden: { en: 'hidden', pl: 'ukryte' },
};
const OR: Texts = { en: ' or ', pl: ' lub ' };

/**
 * The messages residents meet, by a stable key. The English is what the rules say (through
 * `say`, or the same words in a use-case); a `{message}` value is itself translated.
 */
export const MESSAGES = {
  please_check: { en: 'Please check {fields}: {message}', pl: 'Sprawdź, proszę, {fields}: {message}' },
  invalid_value: { en: 'invalid value', pl: 'nieprawidłowa wartość' },
  // The report form (schemas/reports.ts, create.ts)
  report_id_format: { en: 'A report id is 4 to 32 lowercase letters and digits', pl: 'Numer zgłoszenia to od 4 do 32 małych liter i cyfr' },
  name_too_long: { en: 'Please keep your name under 200 characters', pl: 'Imię i nazwisko może mieć najwyżej 200 znaków' },
  email_format: { en: 'Please give an email address like name@example.org', pl: 'Podaj, proszę, adres e-mail w postaci imie@example.org' },
  phone_format: { en: 'Please give a phone number using digits, spaces and +', pl: 'Podaj, proszę, numer telefonu, używając cyfr, spacji i +' },
  category_required: { en: 'Please choose a category', pl: 'Wybierz, proszę, kategorię' },
  description_required: { en: 'Please describe the problem', pl: 'Opisz, proszę, problem' },
  description_too_long: { en: 'Please keep the description under {max} characters', pl: 'Opis może mieć najwyżej {max} znaków' },
  unknown_category: { en: 'There is no category "{category}"', pl: 'Nie ma kategorii „{category}”' },
  choose_offered_category: { en: 'Please choose one of the categories offered', pl: 'Wybierz, proszę, jedną z podanych kategorii' },
  drawn_as: { en: '{category} can be drawn as {allowed}, not as {kind}', pl: '{category}: można narysować jako {allowed}, nie jako {kind}' },
  contact_required: { en: 'Please give your {key} so that we can tell you what happens', pl: 'Podaj, proszę, {key}, abyśmy mogli informować Cię o postępach' },
  outside_service_area: { en: 'This place is outside the area the council looks after', pl: 'To miejsce leży poza obszarem, którym zajmuje się urząd' },
  outside_service_area_field: { en: 'This place is outside the area we look after; please check the map', pl: 'To miejsce leży poza obszarem, którym się zajmujemy; sprawdź, proszę, mapę' },
  idempotency_reused: { en: 'This Idempotency-Key was already used for a different report', pl: 'Ten Idempotency-Key użyto już dla innego zgłoszenia' },
  idempotency_new_key: { en: 'Use a new key for a new report', pl: 'Użyj nowego klucza dla nowego zgłoszenia' },
  idempotency_pending: { en: 'The first request with this Idempotency-Key is still being processed', pl: 'Pierwsze żądanie z tym Idempotency-Key jest jeszcze przetwarzane' },
  report_too_large: { en: 'A report may be at most 512 KB', pl: 'Zgłoszenie może mieć najwyżej 512 KB' },
  // Answers to a category's questions (answers.ts)
  answer_unknown_question: { en: 'This is not one of the questions for this category', pl: 'To nie jest jedno z pytań tej kategorii' },
  answer_required: { en: 'Please answer "{label}"', pl: 'Odpowiedz, proszę, na pytanie „{label}”' },
  answer_problem: { en: '{label}: {message}', pl: '{label}: {message}' },
  answer_write: { en: 'please write an answer', pl: 'wpisz, proszę, odpowiedź' },
  answer_too_long: { en: 'please keep it under {max} characters', pl: 'najwyżej {max} znaków' },
  answer_number: { en: 'please give a number', pl: 'podaj, proszę, liczbę' },
  answer_at_least: { en: 'must be at least {min}', pl: 'musi wynosić co najmniej {min}' },
  answer_at_most: { en: 'must be at most {max}', pl: 'może wynosić najwyżej {max}' },
  answer_pick_one: { en: 'please pick one of the choices', pl: 'wybierz, proszę, jedną z odpowiedzi' },
  answer_pick_from: { en: 'please pick from the choices', pl: 'wybierz, proszę, spośród odpowiedzi' },
  answer_yes_no: { en: 'please answer yes or no', pl: 'odpowiedz, proszę, tak lub nie' },
  answer_date: { en: 'please give a date as YYYY-MM-DD', pl: 'podaj, proszę, datę jako RRRR-MM-DD' },
  // Shapes (schemas/geometry.ts, report-rules.ts)
  longitude_number: { en: 'Longitude must be a number', pl: 'Długość geograficzna musi być liczbą' },
  longitude_range: { en: 'Longitude must be between -180 and 180', pl: 'Długość geograficzna musi być między -180 a 180' },
  latitude_number: { en: 'Latitude must be a number', pl: 'Szerokość geograficzna musi być liczbą' },
  latitude_range: { en: 'Latitude must be between -90 and 90', pl: 'Szerokość geograficzna musi być między -90 a 90' },
  area_corners: { en: 'An area needs at least three corners', pl: 'Obszar musi mieć co najmniej trzy narożniki' },
  area_closed: { en: 'An area must end where it starts', pl: 'Obszar musi kończyć się tam, gdzie się zaczyna' },
  line_points: { en: 'A line needs at least two points', pl: 'Linia musi mieć co najmniej dwa punkty' },
  area_outline: { en: 'An area needs an outline', pl: 'Obszar musi mieć obrys' },
  geometry_kind: { en: 'Geometry must be a GeoJSON Point, LineString or Polygon', pl: 'Kształt musi być punktem, linią lub obszarem GeoJSON (Point, LineString, Polygon)' },
  shape_vertices: { en: 'A shape may have at most {max} points', pl: 'Kształt może mieć najwyżej {max} punktów' },
  area_vertices: { en: 'An area may have at most {max} points', pl: 'Obszar może mieć najwyżej {max} punktów' },
  area_edges_cross: { en: "The area's edges cross each other; please redraw it without crossings", pl: 'Krawędzie obszaru przecinają się; narysuj go, proszę, bez przecięć' },
  shape_crosses: { en: 'The shape crosses itself', pl: 'Kształt przecina sam siebie' },
  area_three_corners: { en: 'An area needs at least three different corners', pl: 'Obszar musi mieć co najmniej trzy różne narożniki' },
  line_two_points: { en: 'A line needs two different points', pl: 'Linia musi mieć dwa różne punkty' },
  hole_outside: { en: 'A hole in the area lies outside it', pl: 'Otwór w obszarze leży poza nim' },
  holes_overlap: { en: 'The holes in the area overlap or split it', pl: 'Otwory w obszarze nachodzą na siebie lub go dzielą' },
  impossible_point: { en: 'The shape has a point with an impossible position', pl: 'Kształt ma punkt o niemożliwym położeniu' },
  shape_invalid: { en: 'The shape on the map is not valid; please redraw it', pl: 'Kształt na mapie jest nieprawidłowy; narysuj go, proszę, jeszcze raz' },
  line_too_long: { en: 'A line may be at most {max} long; this one is {actual}', pl: 'Linia może mieć najwyżej {max} długości; ta ma {actual}' },
  area_too_large: { en: 'An area may be at most {max}; this one is {actual}', pl: 'Obszar może mieć najwyżej {max}; ten ma {actual}' },
  // Supports, follows and photos of one report
  no_public_report: { en: 'There is no public report {id}', pl: 'Nie ma publicznego zgłoszenia {id}' },
  report_closed: { en: 'This report is already closed; please make a new report if the problem is back', pl: 'To zgłoszenie jest już zamknięte; jeśli problem wrócił, zgłoś go, proszę, na nowo' },
  no_area: { en: 'There is no area "{area}"', pl: 'Nie ma obszaru „{area}”' },
  follow_one_thing: { en: 'Choose one thing to follow: a report, an area, or an area drawn on the map', pl: 'Wybierz jedną rzecz do obserwowania: zgłoszenie, obszar lub obszar narysowany na mapie' },
  confirmation_link_invalid: { en: 'This confirmation link is not valid any more', pl: 'Ten link potwierdzający jest już nieważny' },
  link_invalid: { en: 'This link is not valid', pl: 'Ten link jest nieważny' },
  photo_owner_only: { en: 'Only the person who made this report can add photos to it', pl: 'Zdjęcia do tego zgłoszenia może dodać tylko osoba, która je zgłosiła' },
  upload_token: { en: 'Missing or wrong upload token', pl: 'Brak tokenu przesyłania lub jest on błędny' },
  photo_type: { en: 'Please send a photo as JPEG, PNG, WebP, HEIC or AVIF', pl: 'Wyślij, proszę, zdjęcie w formacie JPEG, PNG, WebP, HEIC lub AVIF' },
  photo_unreadable_file: { en: 'This file is not a photo we can read', pl: 'Tego pliku nie możemy odczytać jako zdjęcia' },
  photo_damaged: { en: 'This photo could not be read; it may be damaged', pl: 'Nie udało się odczytać zdjęcia; może być uszkodzone' },
  photo_undecodable: { en: 'The photo could not be decoded', pl: 'Nie udało się zdekodować zdjęcia' },
  photo_multipart: { en: 'Send the photo as multipart/form-data in a field named "photo"', pl: 'Wyślij zdjęcie jako multipart/form-data w polu „photo”' },
  photo_expected_multipart: { en: 'Expected a multipart upload', pl: 'Oczekiwano przesyłania multipart' },
  photo_missing: { en: 'No photo was sent', pl: 'Nie wysłano zdjęcia' },
  photo_add_file: { en: 'Add a file in the field "photo"', pl: 'Dodaj plik w polu „photo”' },
  photo_no_such: { en: 'No such photo', pl: 'Nie ma takiego zdjęcia' },
  photos_too_many: { en: 'A report can have at most {max} photos', pl: 'Zgłoszenie może mieć najwyżej {max} zdjęć' },
  photo_too_large: { en: 'A photo may be at most 15 MB', pl: 'Zdjęcie może mieć najwyżej 15 MB' },
  photo_larger: { en: 'This photo is larger than 15 MB', pl: 'To zdjęcie ma więcej niż 15 MB' },
  malformed_report_id: { en: 'Malformed report id', pl: 'Nieprawidłowy numer zgłoszenia' },
  // Said by the HTTP layer
  rate_limited: { en: 'Too many requests; please try again in {seconds} seconds', pl: 'Zbyt wiele żądań; spróbuj, proszę, ponownie za {seconds} s' },
  database_unavailable: { en: 'The database is not answering just now; please try again in a few seconds', pl: 'Baza danych chwilowo nie odpowiada; spróbuj, proszę, za kilka sekund' },
  body_not_json: { en: 'The request body is not valid JSON', pl: 'Treść żądania nie jest poprawnym JSON-em' },
  request_unreadable: { en: 'The request could not be read', pl: 'Nie udało się odczytać żądania' },
  internal: { en: 'Something went wrong on our side. It has been logged.', pl: 'Coś poszło nie tak po naszej stronie. Zapisaliśmy to.' },
  nothing_at: { en: 'Nothing at {path}', pl: 'Nic nie ma pod adresem {path}' },
  // The staff console: what officers and administrators meet most
  staff_sign_in: { en: 'Please sign in as council staff', pl: 'Zaloguj się, proszę, jako pracownik urzędu' },
  staff_wrong_password: { en: 'That email and password do not match an account', pl: 'Ten adres e-mail i hasło nie pasują do żadnego konta' },
  staff_too_many_tries: { en: 'Too many tries. Please wait {minutes} minutes and try again.', pl: 'Zbyt wiele prób. Odczekaj, proszę, {minutes} min i spróbuj ponownie.' },
  staff_too_many_resets: {
    en: 'Too many password reset requests. Please wait {minutes} minutes and try again.',
    pl: 'Zbyt wiele próśb o nowe hasło. Odczekaj, proszę, {minutes} min i spróbuj ponownie.',
  },
  staff_admin_only: { en: 'Only an administrator can do this', pl: 'Może to zrobić tylko administrator' },
  staff_csrf: { en: 'The form was out of date; please reload the page and try again', pl: 'Formularz był nieaktualny; odśwież, proszę, stronę i spróbuj ponownie' },
  staff_csrf_field: { en: 'Missing or wrong CSRF token', pl: 'Brak tokenu CSRF lub jest on błędny' },
  staff_cross_site: { en: 'This request came from another site and was refused', pl: 'To żądanie przyszło z innej witryny i zostało odrzucone' },
  staff_cross_site_field: { en: 'Cross-site request', pl: 'Żądanie z innej witryny' },
  staff_no_report: { en: "There is no report {id} in your teams' work", pl: 'W pracy Twoich zespołów nie ma zgłoszenia {id}' },
  staff_no_report_remit: { en: 'There is no report {id} in your remit', pl: 'W Twoim zakresie nie ma zgłoszenia {id}' },
  staff_transition: { en: 'A report cannot go from {from} to {to}', pl: 'Zgłoszenie nie może przejść ze stanu „{from}” do „{to}”' },
  staff_transition_field: { en: 'Not allowed from {state}', pl: 'Niedozwolone ze stanu {state}' },
  staff_close_needs_answer: { en: 'Closing a report needs a public answer for the resident', pl: 'Zamknięcie zgłoszenia wymaga publicznej odpowiedzi dla mieszkańca' },
  staff_close_needs_answer_field: { en: 'Please tell the resident what was done or why', pl: 'Napisz, proszę, mieszkańcowi, co zrobiono lub dlaczego' },
  staff_hide_is_moderation: { en: 'Hiding a report is moderation: use moderate with a reason', pl: 'Ukrycie zgłoszenia to moderacja: użyj moderacji z podaniem powodu' },
  staff_hide_field: { en: 'Use moderate to hide', pl: 'Aby ukryć, użyj moderacji' },
  staff_merge_self: { en: 'A report cannot be merged into itself', pl: 'Zgłoszenia nie można połączyć z nim samym' },
  staff_choose_another: { en: 'Choose another report', pl: 'Wybierz inne zgłoszenie' },
  staff_merge_duplicate_state: { en: 'A {state} report cannot be marked as a duplicate', pl: 'Zgłoszenia w stanie „{state}” nie można oznaczyć jako duplikat' },
  staff_no_duplicates: { en: 'Report {id} cannot take duplicates', pl: 'Do zgłoszenia {id} nie można dołączać duplikatów' },
  staff_choose_public: { en: 'Choose an open or closed public report', pl: 'Wybierz otwarte lub zamknięte zgłoszenie publiczne' },
  staff_not_in_team: { en: "That person does not work for the report's team", pl: 'Ta osoba nie pracuje w zespole tego zgłoszenia' },
  staff_choose_in_team: { en: 'Choose someone in the team', pl: 'Wybierz kogoś z zespołu' },
  staff_no_team: { en: 'There is no team "{team}"', pl: 'Nie ma zespołu „{team}”' },
  staff_unknown_team: { en: 'Unknown team', pl: 'Nieznany zespół' },
  staff_unknown_category: { en: 'Unknown category', pl: 'Nieznana kategoria' },
  staff_category_shape: { en: 'This category cannot be drawn that way', pl: 'Tej kategorii nie można tak narysować' },
  staff_category_shape_field: { en: 'Not allowed for the category', pl: 'Niedozwolone dla tej kategorii' },
  staff_outside_area: { en: "This place is outside the council's area", pl: 'To miejsce leży poza obszarem urzędu' },
  staff_outside_area_field: { en: 'Outside the service area', pl: 'Poza obszarem działania' },
  staff_photos_not_here: { en: 'Some photos are not on this report', pl: 'Niektóre zdjęcia nie należą do tego zgłoszenia' },
  staff_unknown_photo: { en: 'Unknown photo', pl: 'Nieznane zdjęcie' },
  staff_no_account: { en: 'No such staff account', pl: 'Nie ma takiego konta pracownika' },
  staff_email_taken: { en: 'There is already an account with this email', pl: 'Istnieje już konto z tym adresem e-mail' },
  staff_already_used: { en: 'Already used', pl: 'Już użyty' },
  staff_disable_self: { en: 'You cannot disable your own account', pl: 'Nie możesz wyłączyć własnego konta' },
  staff_account_disabled: { en: 'This account is disabled', pl: 'To konto jest wyłączone' },
  staff_not_current_password: { en: 'That is not your current password', pl: 'To nie jest Twoje obecne hasło' },
  staff_not_current_password_field: { en: 'Not your current password', pl: 'To nie jest obecne hasło' },
  staff_new_password_differs: { en: 'Choose a new password that differs from the current one', pl: 'Wybierz nowe hasło, inne niż obecne' },
  staff_same_password: { en: 'Same as the current password', pl: 'Takie samo jak obecne hasło' },
  staff_reset_link_spent: {
    en: 'This reset link has expired or has already been used. Please ask for a new one.',
    pl: 'Ten link do zmiany hasła wygasł albo został już użyty. Poproś, proszę, o nowy.',
  },
  staff_passwords_off: {
    en: 'Passwords are switched off on this site (LOCAL_PASSWORDS=off). Please sign in with {name}.',
    pl: 'Hasła są na tej stronie wyłączone (LOCAL_PASSWORDS=off). Zaloguj się, proszę, przez: {name}.',
  },
  staff_passwords_off_field: { en: 'Local passwords are switched off', pl: 'Hasła lokalne są wyłączone' },
  staff_exports_busy: { en: 'Too many exports are running; please try again in a minute', pl: 'Trwa zbyt wiele eksportów; spróbuj, proszę, za minutę' },
  // "Is it fixed?" (questionnaires.ts, apps/api/src/questionnaires)
  questionnaire_unknown: { en: 'This link is not valid; please copy the whole link from the email', pl: 'Ten link jest nieprawidłowy; skopiuj, proszę, cały link z wiadomości' },
  questionnaire_answered: { en: 'This question has already been answered. Thank you', pl: 'Na to pytanie już odpowiedziano. Dziękujemy' },
  questionnaire_expired: { en: 'This link has expired', pl: 'Ten link wygasł' },
  questionnaire_comment_needed: { en: 'Please say what is still wrong', pl: 'Napisz, proszę, co nadal jest nie tak' },
  questionnaire_comment_too_long: { en: 'A comment has at most {max} characters', pl: 'Komentarz może mieć najwyżej {max} znaków' },
  questionnaire_fixed_needed: { en: 'Say whether it is fixed: true or false', pl: 'Odpowiedz, czy jest naprawione: true albo false' },
  // My reports on any device (schemas/residents.ts, apps/api/src/residents)
  me_email_too_long: { en: 'An email address has at most 320 characters', pl: 'Adres e-mail może mieć najwyżej 320 znaków' },
  me_link_incomplete: { en: 'This link is not complete; please copy the whole link from the email', pl: 'Ten link jest niepełny; skopiuj, proszę, cały link z wiadomości' },
  me_link_spent: { en: 'This sign-in link has expired or has already been used. Please ask for a new one.', pl: 'Ten link do logowania wygasł albo został już użyty. Poproś, proszę, o nowy.' },
  me_link_spent_field: { en: 'Expired or already used', pl: 'Wygasł albo został już użyty' },
  me_too_many_links: {
    en: 'Too many sign-in links asked for. Please wait {minutes} minutes and try again.',
    pl: 'Poproszono o zbyt wiele linków do logowania. Odczekaj, proszę, {minutes} min i spróbuj ponownie.',
  },
  me_sign_in: { en: 'Please sign in with the link we email you', pl: 'Zaloguj się, proszę, linkiem, który wyślemy e-mailem' },
  // The listening inbox (schemas/listening.ts, apps/api/src/listening)
  listening_no_mention: { en: 'There is no mention {id}', pl: 'Nie ma wzmianki {id}' },
  listening_on_report: { en: 'This mention is already on report {report}', pl: 'Ta wzmianka jest już przy zgłoszeniu {report}' },
  listening_on_report_field: { en: 'Already converted or attached', pl: 'Już zamieniona w zgłoszenie albo dołączona' },
  listening_converting: { en: 'This mention is already being made into a report', pl: 'Z tej wzmianki właśnie powstaje zgłoszenie' },
  listening_no_dismiss: { en: 'This mention is on report {report} and cannot be dismissed', pl: 'Ta wzmianka jest przy zgłoszeniu {report} i nie można jej odrzucić' },
  listening_no_replies: { en: 'This source takes no replies: open the original and answer there', pl: 'To źródło nie przyjmuje odpowiedzi: otwórz oryginał i odpowiedz tam' },
  listening_no_replies_field: { en: 'No reply channel', pl: 'Brak kanału odpowiedzi' },
  listening_reply_long: { en: 'The reply is {n} characters; {kind} takes at most {max}', pl: 'Odpowiedź ma {n} znaków; {kind} przyjmuje najwyżej {max}' },
  listening_reply_long_field: { en: 'At most {max} characters here', pl: 'Tu najwyżej {max} znaków' },
  listening_reply_failed: { en: 'The reply could not be sent: {error}', pl: 'Nie udało się wysłać odpowiedzi: {error}' },
  listening_reply_failed_field: { en: 'Not sent; try again later', pl: 'Nie wysłano; spróbuj później' },
  listening_no_photo: { en: 'Mention {id} has no photo {n}', pl: 'Wzmianka {id} nie ma zdjęcia {n}' },
  listening_unsigned: { en: 'This webhook must be signed by the gateway', pl: 'Ten webhook musi być podpisany przez bramkę' },
  listening_unsigned_field: { en: 'Missing signature', pl: 'Brak podpisu' },
  listening_bad_signature: { en: 'The signature of this webhook is not valid', pl: 'Podpis tego webhooka jest nieprawidłowy' },
  listening_bad_signature_field: { en: 'Signature does not match', pl: 'Podpis się nie zgadza' },
  listening_no_sms_source: { en: 'There is no SMS source {id} for {gateway}', pl: 'Nie ma źródła SMS {id} dla {gateway}' },
  listening_no_key: {
    en: 'Credentials cannot be stored until LISTENING_SECRET_KEY is set on the server',
    pl: 'Nie można zapisać danych logowania, dopóki na serwerze nie ustawiono LISTENING_SECRET_KEY',
  },
  listening_no_key_field: { en: 'Set LISTENING_SECRET_KEY first', pl: 'Najpierw ustaw LISTENING_SECRET_KEY' },
  listening_no_source: { en: 'There is no listening source {id}', pl: 'Nie ma źródła nasłuchu {id}' },
  listening_no_rule: { en: 'There is no keyword rule {id}', pl: 'Nie ma reguły słów kluczowych {id}' },
  listening_no_names: { en: 'No named places were found in the file', pl: 'W pliku nie znaleziono nazw miejsc' },
  listening_say_why: { en: 'Please say why', pl: 'Napisz, proszę, dlaczego' },
  listening_write_reply: { en: 'Please write the reply', pl: 'Napisz, proszę, odpowiedź' },
  // Hand-off to the council's systems (apps/api/src/handoff, schemas/handoff.ts)
  handoff_no_key: { en: 'Set HANDOFF_SECRET_KEY on the server before storing a secret for a target', pl: 'Przed zapisaniem sekretu celu ustaw na serwerze HANDOFF_SECRET_KEY' },
  handoff_no_key_field: { en: 'No key to encrypt it with', pl: 'Brak klucza do zaszyfrowania' },
  handoff_name_taken: { en: 'There is already a target named {name}', pl: 'Istnieje już cel o nazwie {name}' },
  handoff_no_target: { en: 'There is no target {id}', pl: 'Nie ma celu {id}' },
  handoff_no_webhook_target: { en: 'There is no webhook target {id}', pl: 'Nie ma celu webhook {id}' },
  handoff_no_rule: { en: 'There is no hand-off rule {id}', pl: 'Nie ma reguły przekazywania {id}' },
  handoff_no_send: { en: 'There is no hand-off send {id}', pl: 'Nie ma wysyłki {id}' },
  handoff_signature_old: { en: 'The signature is too old or from the future; sign with the current time', pl: 'Podpis jest za stary albo z przyszłości; podpisz z bieżącym czasem' },
  handoff_signature_old_field: { en: 'Too old', pl: 'Za stary' },
  handoff_signature_wrong: { en: 'The signature is missing or wrong', pl: 'Brak podpisu albo podpis jest nieprawidłowy' },
  handoff_signature_wrong_field: { en: 'Missing or wrong', pl: 'Brak albo nieprawidłowy' },
  handoff_replay: { en: 'This update was received before', pl: 'Ta aktualizacja została już odebrana' },
  handoff_unknown_report: { en: 'There is no report {reference} sent to this target', pl: 'Do tego celu nie wysłano zgłoszenia {reference}' },
  // The still picture of the map (map-picture)
  map_picture_no_report: { en: 'There is no public report {id}', pl: 'Nie ma publicznego zgłoszenia {id}' },
  map_picture_bbox_empty: { en: 'bbox must have west below east and south below north', pl: 'W bbox zachód musi być mniejszy niż wschód, a południe mniejsze niż północ' },
  handoff_unknown: { en: 'Unknown', pl: 'Nieznane' },
  handoff_unknown_area: { en: 'Unknown area', pl: 'Nieznany obszar' },
  handoff_unknown_target: { en: 'Unknown target', pl: 'Nieznany cel' },
  handoff_needs_endpoint: { en: 'An Open311 target needs its endpoint', pl: 'Cel Open311 wymaga adresu usługi' },
  handoff_needs_url: { en: 'A webhook target needs its URL', pl: 'Cel webhook wymaga adresu URL' },
  handoff_status_or_text: { en: 'Send a status, a description or both', pl: 'Wyślij status, opis albo oba' },
  // The street register (staff/import-streets.ts)
  streets_not_imported: { en: '{count} of {total} streets have problems; nothing was imported', pl: 'Ulice z problemami: {count} z {total}; niczego nie zaimportowano' },
  street_no_usrn: { en: 'has no usrn property', pl: 'nie ma właściwości usrn' },
  street_no_osm_id: { en: 'has no @id or osm_id property', pl: 'nie ma właściwości @id ani osm_id' },
  street_no_geometry: { en: 'has no geometry', pl: 'nie ma geometrii' },
  street_not_a_line: { en: 'a {type} is not a street line', pl: '{type} nie jest linią ulicy' },
  street_invalid_shape: { en: 'invalid shape: {reason}', pl: 'nieprawidłowy kształt: {reason}' },
  // Council asset layers (apps/api/src/asset-layers)
  asset_layer_name_taken: { en: 'There is already an asset layer named {name}', pl: 'Istnieje już warstwa zasobów o nazwie {name}' },
  asset_layer_none: { en: 'There is no asset layer {id}', pl: 'Nie ma warstwy zasobów {id}' },
  asset_layer_down: { en: "The council's asset layer is not answering just now; please try again later", pl: 'Warstwa zasobów urzędu chwilowo nie odpowiada; spróbuj, proszę, później' },
  asset_layer_bbox_large: { en: 'The bbox may span at most {max} degrees each way', pl: 'Obszar bbox może mieć najwyżej {max} stopnia w każdą stronę' },
  asset_unknown_categories: { en: 'Unknown categories: {codes}', pl: 'Nieznane kategorie: {codes}' },
  asset_layer_not_for_category: { en: 'This asset layer is not for this category', pl: 'Ta warstwa zasobów nie dotyczy tej kategorii' },
  asset_not_near: { en: 'This asset is not within {metres} m of the place on the map', pl: 'Ten zasób nie leży w odległości {metres} m od miejsca na mapie' },
  // The contact centre's call log (apps/api/src/insight/import-calls.ts)
  calls_not_imported: { en: '{count} problems in the call log; nothing was imported', pl: 'Problemy w rejestrze połączeń: {count}; niczego nie zaimportowano' },
  calls_header: { en: 'The first line must name the columns week, category and calls', pl: 'Pierwszy wiersz musi nazywać kolumny week, category i calls' },
  calls_too_many: { en: 'At most {max} lines at a time', pl: 'Najwyżej {max} wierszy naraz' },
  calls_week: { en: 'Give the Monday of the week as a date like 2026-01-05', pl: 'Podaj poniedziałek tygodnia jako datę, np. 2026-01-05' },
  calls_category: { en: 'Give a category code', pl: 'Podaj kod kategorii' },
  calls_number: { en: 'Give a whole number of calls, 0 or more', pl: 'Podaj liczbę połączeń: liczbę całkowitą, 0 lub więcej' },
  calls_repeated: { en: 'This week and category are already on line {line}', pl: 'Ten tydzień i ta kategoria są już w wierszu {line}' },
  calls_unknown_category: { en: 'Unknown category {code}', pl: 'Nieznana kategoria {code}' },
  calls_empty: { en: 'The file has no lines of calls', pl: 'Plik nie zawiera wierszy z połączeniami' },
} as const satisfies Record<string, Texts>;

export type MessageKey = keyof typeof MESSAGES;
type Params = Readonly<Record<string, string | number>>;

const fill = (template: string, params: Params) => template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/** A message in English, by its key: what the rules and schemas raise. */
export function say(key: MessageKey, params: Params = {}): string {
  return fill(MESSAGES[key].en, params);
}

/** A message by its key in any language we speak. */
export function messageIn(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(MESSAGES[key][locale], params);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English template as a pattern capturing its values, most specific first. */
const PATTERNS = Object.entries(MESSAGES as Record<string, Texts>)
  .map(([key, texts]) => {
    const names: string[] = [];
    const parts = texts.en.split(/\{(\w+)\}/);
    const source = parts.map((part, i) => (i % 2 ? (names.push(part), '(.+?)') : escapeRegExp(part))).join('');
    return { key, names, pattern: new RegExp(`^${source}$`, 's'), lead: parts[0]!.length, fixed: texts.en.replace(/\{\w+\}/g, '').length };
  })
  // A message may hold another ("Please check x: {message}"): the one that starts with its own words is the outer one.
  .sort((a, b) => b.lead - a.lead || b.fixed - a.fixed);

/** A value carried into a message, translated when it is a known word (or words) or a `{message}`. */
function translateValue(name: string, value: string, locale: Locale): string | undefined {
  if (name === 'message') return translateMessage(value, locale);
  const translated = value.split(OR.en).map((w) => WORDS[w]?.[locale]);
  return translated.every(Boolean) ? translated.join(OR[locale]) : value;
}

/**
 * An English message said by the server, in `locale`; undefined when it is not one of ours
 * (nor is a `{message}` inside it). Other values carried over stay as they are.
 */
export function translateMessage(text: string, locale: Locale): string | undefined {
  if (locale === 'en') return text;
  next: for (const { key, names, pattern } of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [i, name] of names.entries()) {
      const value = translateValue(name, m[i + 1] ?? '', locale);
      if (value === undefined) continue next;
      params[name] = value;
    }
    return fill(MESSAGES[key as MessageKey][locale], params);
  }
  return undefined;
}

/** A refused field as the API holds it before it is read: its zod issue kind and limits, if any. */
export interface FieldIssue extends FieldError {
  kind?: string | undefined;
  limits?: Params | undefined;
}

/**
 * A problem in the reader's language: the title by its code, the detail and each field's
 * message by their words, falling back to the code's (or the issue kind's) own words rather
 * than leaving English in a Polish answer.
 */
export function localizeProblem(problem: Problem, locale: Locale, issues: readonly FieldIssue[] = []): Problem {
  if (locale === 'en') return problem;
  const texts = PROBLEM_TEXTS[problem.code];
  const errors = problem.errors?.map((e, i) => {
    const issue = issues[i];
    const generic = ISSUE_TEXTS[issue?.kind ?? 'custom'] ?? ISSUE_TEXTS.custom!;
    return { field: e.field, message: translateMessage(e.message, locale) ?? fill(generic[locale], issue?.limits ?? {}) };
  });
  return {
    ...problem,
    title: texts.title[locale],
    detail:
      translateMessage(problem.detail, locale) ??
      (errors?.length ? messageIn(locale, 'please_check', { fields: [...new Set(errors.map((e) => e.field))].join(', '), message: errors[0]!.message }) : texts.detail[locale]),
    ...(errors ? { errors } : {}),
  };
}
