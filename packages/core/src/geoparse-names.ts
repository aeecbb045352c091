/**
 * People named like places: "Mr Errol rang", "Errol Smith said", "Jim Grange", "Pan Errol
 * mówi". A gazetteer name read in such a place is a person, not the village, and is not
 * offered as a place. Cues, in order:
 * - a title or form of address just before it ("Mr", "Cllr", "Dr", "Pan", "Pani", "Dear",
 *   "Thanks"): always a person;
 * - otherwise, after a place word ("near Errol", "at Grange") it stays a place;
 * - a speech verb just after it ("Errol said", "Errol mówi");
 * - in a text that uses capitals: a common first name followed by a capitalised word that is
 *   no common word ("Errol Smith"), or a name right after a capitalised common first name
 *   ("Jim Grange", "Anna Grange").
 * The lists are short on purpose: they cover the names people in the Carse and in Poland are
 * most often called, not every name there is.
 */

const TITLES = new Set('mr mrs ms miss mx dr cllr councillor sir dame lady lord rev revd prof pan pani panu pana panią państwo'.split(' '));
const ADDRESSING = new Set('dear hi hello hey thanks cheers dzięki dziękuję drogi droga szanowny szanowna'.split(' '));
const SPEECH = new Set(
  (
    'said says say told tells asked asks reckons thinks wrote writes rang rings phoned phones called mentioned complained emailed texted ' +
    'mówi mówił mówiła powiedział powiedziała napisał napisała pisze dzwonił dzwoniła zgłosił zgłosiła'
  ).split(' '),
);
const FIRST_NAMES = new Set(
  (
    'errol jim jimmy james john jack tom thomas david dave andrew andy alan alex alexander bill billy bob robert rob peter pete paul ' +
    'mark michael mike steve stephen stuart stewart ian iain hamish angus callum colin craig derek donald douglas duncan euan ewan ' +
    'fraser gordon graham greg hugh jamie kenny kenneth kevin lewis malcolm martin neil niall ross ryan scott sean gary george harry ' +
    'henry fred frank joe joseph chris christopher daniel dan matthew matt nick richard sam simon tony william ' +
    'anna ann anne mary margaret maggie morag moira fiona kirsty catherine kate katie karen jean janet jane jennifer jenny elizabeth ' +
    'liz lisa linda lorna laura louise lucy rachel rebecca sarah sara susan sue shona sheila heather helen isla emma eilidh ailsa ' +
    'alison amy claire caroline christine donna eileen elaine gillian hannah joan julie kathleen lesley marion nicola pamela ' +
    'patricia ruth sandra sharon tracy ' +
    'janek jakub kuba piotr paweł tomasz marek krzysztof andrzej michał łukasz wojciech adam marcin kasia katarzyna agnieszka ' +
    'małgosia małgorzata ewa magda magdalena joanna ola aleksandra monika beata zofia zosia basia barbara ania'
  ).split(' '),
);

export interface NameContext {
  /** The text's words, lower case. */
  lower: readonly string[];
  /** The same words as written, when the text's capitals say something; otherwise undefined. */
  written: readonly string[] | undefined;
  /** The name's words: [from, to). */
  from: number;
  to: number;
  /** A place word ("near", "at", "przy") stands just before the name. */
  placeCue: boolean;
  /** Words too common to be a surname ("Road", "Station"). */
  common: (word: string) => boolean;
}

const capitalised = (w: string | undefined) => !!w && /^\p{Lu}/u.test(w);

/** Whether the name at [from, to) reads as a person's name rather than a place. */
export function readsAsPerson(c: NameContext): boolean {
  const before = c.lower[c.from - 1];
  if (before && (TITLES.has(before) || ADDRESSING.has(before))) return true;
  if (before === 'you' && c.lower[c.from - 2] === 'thank') return true;
  if (c.placeCue) return false;
  const after = c.lower[c.to];
  if (after && SPEECH.has(after)) return true;
  if (!c.written) return false;
  const single = c.to - c.from === 1;
  const name = c.lower[c.from]!;
  // A name said twice ("Errol, Errol!") is no first name and surname.
  if (single && FIRST_NAMES.has(name) && capitalised(c.written[c.from]) && after && after !== name && capitalised(c.written[c.to]) && !c.common(after)) return true;
  if (before && before !== name && FIRST_NAMES.has(before) && capitalised(c.written[c.from - 1]) && capitalised(c.written[c.from])) return true;
  return false;
}
