/**
 * Keyword rules and language for the listening inbox: which mentions are about the council's
 * work, and whether to answer in English or Polish. Pure; the connectors call these in memory
 * before anything is stored (a mention that matches no rule is never kept).
 */
import type { KeywordRule, ListeningLanguage } from './listening.ts';

/** Letters with a Polish diacritic, and the plain letter people type on a phone without them. */
const POLISH_FOLD: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };
const POLISH_LETTERS = /[ąćęłńóśźż]/;

/**
 * "#BlockedDrain" → "Blocked Drain", "#st_madoes" → "st madoes", "#Flooding2026" → "Flooding
 * 2026": a hashtag reads as its words. A road number ("#A90", "#B953") stays one word.
 */
function splitHashtags(text: string): string {
  return text.replace(/#([\p{L}\p{N}_]+)/gu, (_, body: string) =>
    body
      .replace(/_/g, ' ')
      .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
      .replace(/(\p{L}{3})(\p{N})/gu, '$1 $2'),
  );
}

/**
 * NFKC, hashtags split into words, lower case, apostrophes dropped inside words ("don't" →
 * "dont"), every other punctuation mark or symbol a space, single spaces. Polish letters (and
 * every other letter) are kept as they are: the diacritics carry meaning ("rów" is a ditch,
 * "row" is not).
 */
export function normaliseText(text: string): string {
  return wordsOf(text).toLowerCase();
}

/** `normaliseText` before lower-casing: the same words, as capitalised as they were written. */
export function wordsOf(text: string): string {
  return splitHashtags(text.normalize('NFKC'))
    .replace(/(\p{L})['’‘`](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Polish letters folded to their plain forms, for texts typed without diacritics. */
export function foldPolish(text: string): string {
  return text.replace(/[ąćęłńóśźż]/g, (c) => POLISH_FOLD[c] ?? c);
}

interface Pattern {
  words: string[];
  /** Per word: true when the keyword ends in '*' (a stem: "zalan*" matches zalany, zalana). */
  stems: boolean[];
  /** The words run together, for hashtags written in one lower-case word ("#blockeddrain"). */
  compact: string;
}

function compile(keyword: string): Pattern | null {
  const words: string[] = [];
  const stems: boolean[] = [];
  for (const raw of keyword.trim().split(/\s+/)) {
    const stem = raw.endsWith('*');
    const word = normaliseText(stem ? raw.slice(0, -1) : raw);
    if (!word) continue;
    // A word that normalises to several ("wi-fi") keeps its parts in order; only the last can be a stem.
    const parts = word.split(' ');
    for (let i = 0; i < parts.length; i++) {
      words.push(parts[i]!);
      stems.push(stem && i === parts.length - 1);
    }
  }
  if (words.length === 0) return null;
  return { words, stems, compact: words.join('') };
}

function wordMatches(token: string, word: string, stem: boolean): boolean {
  return stem ? token.startsWith(word) : token === word;
}

function phraseAt(tokens: string[], at: number, p: Pattern): boolean {
  if (at + p.words.length > tokens.length) return false;
  for (let j = 0; j < p.words.length; j++) if (!wordMatches(tokens[at + j]!, p.words[j]!, p.stems[j]!)) return false;
  return true;
}

/** The parts of a text a keyword is looked for in. */
interface Haystack {
  tokens: string[];
  /** The same tokens with Polish letters folded; null when the fallback does not apply. */
  folded: string[] | null;
  /** Hashtag bodies, lower case, as written ("blockeddrain"). */
  hashtags: string[];
}

function hits(h: Haystack, p: Pattern, language: ListeningLanguage): boolean {
  for (let i = 0; i < h.tokens.length; i++) if (phraseAt(h.tokens, i, p)) return true;
  if (h.folded && language === 'pl') {
    const folded: Pattern = { ...p, words: p.words.map(foldPolish) };
    for (let i = 0; i < h.folded.length; i++) if (phraseAt(h.folded, i, folded)) return true;
  }
  if (p.words.length > 1 || p.stems[0]) {
    const last = p.stems[p.stems.length - 1];
    for (const tag of h.hashtags) if (last ? tag.startsWith(p.compact) : tag === p.compact) return true;
  }
  return false;
}

function haystack(text: string): Haystack {
  const normal = normaliseText(text);
  const tokens = normal ? normal.split(' ') : [];
  // Polish typed without diacritics ("row zalany") is common on phones. The fallback folds
  // only a text that has no Polish letters at all and reads as Polish, and only for Polish
  // rules: an English "a row of houses" never matches the Polish keyword "rów".
  const plainPolish = !POLISH_LETTERS.test(normal) && detectLanguage(text) === 'pl';
  const hashtags = [...text.normalize('NFKC').matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!.toLowerCase().replace(/_/g, ''));
  return { tokens, folded: plainPolish ? tokens : null, hashtags };
}

/**
 * The rules a text matches: at least one keyword hits and no exclusion does. Keywords are
 * words or phrases matched on whole words of the normalised text; a word ending in '*' is a
 * stem. Hashtags match their words ("#BlockedDrain" → "blocked drain") and, run together,
 * a phrase keyword ("#blockeddrain"). Diacritics must match, except that a Polish rule also
 * matches a Polish text typed entirely without them (see `haystack`).
 */
export function matchKeywordRules(text: string, rules: KeywordRule[]): KeywordRule[] {
  return compileKeywordRules(rules)(text);
}

/**
 * The same test with the keywords compiled once, for a stream of texts (a Jetstream or
 * Mastodon timeline filtered in memory): compile when the rules change, call per text.
 */
export function compileKeywordRules(rules: KeywordRule[]): (text: string) => KeywordRule[] {
  const compiled = rules.map((rule) => ({
    rule,
    keywords: rule.keywords.map(compile).filter((p): p is Pattern => p !== null),
    exclusions: rule.exclusions.map(compile).filter((p): p is Pattern => p !== null),
  }));
  return (text) => {
    const h = haystack(text);
    return compiled.filter((c) => c.keywords.some((p) => hits(h, p, c.rule.language)) && !c.exclusions.some((p) => hits(h, p, c.rule.language))).map((c) => c.rule);
  };
}

/*
 * Language: only English or Polish has to be told apart, in texts as short as an SMS ("rów
 * zalany koło Errolu"). General detectors (franc, eld, tinyld) choose among dozens of
 * languages and are unreliable under ~20 characters (franc answers "und" below 10; a
 * diacritic-free Polish text often comes out Slovak or Croatian), and would add their n-gram
 * tables to the browser bundle that loads these rules. Three signals decide instead: Polish
 * letters, very common function words of each language (words both languages use — "a",
 * "i", "to", "do", "no", "ten", "row" — count for neither), and, weakly, Polish word shapes.
 * On 345 labelled local texts (the geoparse fixtures and 41 texts of one to four words) the
 * first two signals scored 343 and all three 345 (the third was added for those two misses),
 * where franc-min 6.2 restricted to English and Polish scored 335 and eld 2.1 (small
 * database) 336: measured once, outside the repository, as those are not dependencies.
 */
const POLISH_WORDS = new Set(
  (
    'w na nie się sie jest są sa z ze że przy koło kolo obok pod nad przed za od po dla przez jak ale tak już juz bardzo ' +
    'oraz lub czy ta te tu tam gdzie kiedy znowu znów znow jeszcze ul ulica ulicy drogi droga drodze przy proszę prosze ' +
    'dziękuję dziekuje dzień dzien dobry mamy jestem był byl była byla było bylo będzie bedzie można mozna trzeba może moze ' +
    'wszystko nikt coś cos nic mój moj moja nasz nasza naszej wsi wieś wies zalany zalana zalane rów dziura śmieci smieci'
  ).split(' '),
);
const ENGLISH_WORDS = new Set(
  (
    'the is are was were be been and of in by near at outside with has have had this that there it its for from ' +
    'again please thanks thank you we they our my your not but just still been being road street lane blocked ' +
    'flooded flooding drain ditch bins rubbish pothole broken since week today yesterday can could would should will ' +
    'what when where who why how any some all into onto over under off up down here about'
  ).split(' '),
);

/**
 * A weaker third signal for texts of two or three content words ("Zapchana studzienka"):
 * Polish inflectional endings and spellings English words rarely have.
 */
const POLISH_SHAPE = /(?:ych|ego|emu|ami|ach|ość|ana|ona|any|ony|owa|owy|nia|nie|ka|ki|rz\p{L}*|cz\p{L}*|szcz\p{L}*)$|rz|szcz|dzi|cz[aeiouy]/u;

/** 'pl' when the text reads as Polish, else 'en' (the default for a text with no signal). */
export function detectLanguage(text: string): ListeningLanguage {
  const normal = normaliseText(text.replace(/https?:\/\/\S+/g, ' '));
  if (!normal) return 'en';
  let pl = 0;
  let en = 0;
  for (const word of normal.split(' ')) {
    if (POLISH_LETTERS.test(word)) pl += 2;
    if (POLISH_WORDS.has(word)) pl += 1;
    if (ENGLISH_WORDS.has(word)) en += 1;
    else if (word.length >= 5 && POLISH_SHAPE.test(word)) pl += 0.5;
  }
  return pl > en ? 'pl' : 'en';
}
