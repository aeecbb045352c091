import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKeywordRules, detectLanguage, matchKeywordRules, normaliseText } from '../src/listening-keywords.ts';
import type { KeywordRule } from '../src/listening.ts';

const rule = (id: number, language: 'en' | 'pl', keywords: string[], exclusions: string[] = []): KeywordRule => ({
  id,
  name: `rule ${id}`,
  language,
  keywords,
  exclusions,
  categoryId: null,
});

const ids = (text: string, rules: KeywordRule[]) => matchKeywordRules(text, rules).map((r) => r.id);

describe('normaliseText', () => {
  it('folds compatibility forms, case and punctuation, and keeps Polish letters', () => {
    expect(normaliseText('Rów ZALANY — koło „Errolu”!!')).toBe('rów zalany koło errolu');
    expect(normaliseText('ﬂooded Ｅｒｒｏｌ')).toBe('flooded errol');
    expect(normaliseText("It's the drain's fault")).toBe('its the drains fault');
    expect(normaliseText('ŻÓŁĆ gęślą jaźń')).toBe('żółć gęślą jaźń');
  });

  it('reads a hashtag as its words', () => {
    expect(normaliseText('#BlockedDrain at #StMadoes #A90 #fly_tipping #Flooding2026')).toBe('blocked drain at st madoes a90 fly tipping flooding 2026');
  });
});

describe('matchKeywordRules', () => {
  const drains = rule(1, 'en', ['blocked drain', 'flood*', 'ditch'], ['flood warning']);
  const polish = rule(2, 'pl', ['zalan*', 'rów', 'zapchany rów']);
  const bins = rule(3, 'en', ['bins', 'missed collection'], ['bins day']);

  it('matches words and phrases on whole words only', () => {
    expect(ids('Blocked drain by Errol station', [drains, bins])).toEqual([1]);
    expect(ids('The drain is blocked', [drains])).toEqual([]);
    expect(ids('Cabins by the river', [bins])).toEqual([]);
    expect(ids('bins everywhere after the missed collection', [drains, bins])).toEqual([3]);
  });

  it('treats a trailing * as a stem, in English and Polish', () => {
    expect(ids('The road is flooded again', [drains])).toEqual([1]);
    expect(ids('Flooding on Main Street', [drains])).toEqual([1]);
    expect(ids('Droga zalana koło Errolu', [polish])).toEqual([2]);
    expect(ids('Zalany rów przy szkole', [polish])).toEqual([2]);
    // A stem is the start of a word, not any part of one.
    expect(ids('Niezalany teren', [polish])).toEqual([]);
  });

  it('lets an exclusion veto the rule', () => {
    expect(ids('Flood warning for the Tay tonight', [drains])).toEqual([]);
    expect(ids('Flood warning, and the ditch by Errol is blocked', [drains])).toEqual([]);
    expect(ids('Is Tuesday bins day?', [bins])).toEqual([]);
  });

  it('reads hashtags as words, and as a run-together phrase', () => {
    expect(ids('#BlockedDrain #Errol', [drains])).toEqual([1]);
    expect(ids('#blockeddrain again', [drains])).toEqual([1]);
    expect(ids('#Flooding2026', [drains])).toEqual([1]);
    // A stem matches the start of a run-together hashtag too.
    expect(ids('#zalanyrów', [polish])).toEqual([2]);
    expect(ids('#blockeddrainage', [rule(6, 'en', ['blocked drain'])])).toEqual([]);
    expect(ids('#ZapchanyRów koło szkoły', [polish])).toEqual([2]);
  });

  it('needs the diacritics, except for a Polish rule on Polish typed without them', () => {
    // "row zalany kolo Errolu" is Polish without its letters: the Polish rule still matches.
    expect(ids('row zapchany kolo szkoly w Errolu', [polish])).toEqual([2]);
    // An English "row" is not the Polish "rów".
    expect(ids('A row of houses with no lights', [polish])).toEqual([]);
    // A text that has Polish letters must spell the keyword with them.
    expect(ids('Ten row jest zapchany, proszę', [rule(4, 'pl', ['rów'])])).toEqual([]);
  });

  it('returns every matching rule in the order given, and none for an empty text', () => {
    expect(ids('Flooded ditch and bins everywhere', [bins, drains, polish])).toEqual([3, 1]);
    expect(ids('', [drains])).toEqual([]);
    expect(ids('!!!', [drains])).toEqual([]);
  });

  it('compiles once for a stream of texts, with the same answers', () => {
    const rules = [drains, polish, bins];
    const match = compileKeywordRules(rules);
    for (const text of ['Blocked drain by Errol', 'Zalany rów', 'Flood warning and bins', 'nothing here', '#BlockedDrain']) {
      expect(match(text)).toEqual(matchKeywordRules(text, rules));
    }
    expect(match('Zalany rów, bins everywhere').map((r) => r.id)).toEqual([2, 3]);
  });

  it('ignores empty keywords rather than matching everything', () => {
    expect(ids('anything at all', [rule(5, 'en', ['', '  ', '*'])])).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it('tells Polish from English in short texts', () => {
    expect(detectLanguage('rów zalany koło Errolu')).toBe('pl');
    expect(detectLanguage('Dziura w drodze przy szkole')).toBe('pl');
    expect(detectLanguage('row zalany kolo Errolu, prosze sprawdzic')).toBe('pl');
    expect(detectLanguage('Znowu nikt nie odebrał śmieci')).toBe('pl');
    expect(detectLanguage('blocked drain by Errol station')).toBe('en');
    expect(detectLanguage('A row of houses with no street lights')).toBe('en');
    expect(detectLanguage('The bins were not collected again this week')).toBe('en');
  });

  it('is right on the labelled local texts and on texts of one to four words', () => {
    const fixture = (name: string): { lang: 'en' | 'pl'; text: string }[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
    const short: [string, 'en' | 'pl'][] = [
      ['Kiedy naprawicie lampę?', 'pl'],
      ['Woda na chodniku', 'pl'],
      ['Błoto wszędzie', 'pl'],
      ['Nikt nie sprząta', 'pl'],
      ['Pies sąsiada znowu szczeka', 'pl'],
      ['Proszę o kontakt', 'pl'],
      ['Mam zdjęcie dziury', 'pl'],
      ['Kosze pełne', 'pl'],
      ['Droga nieprzejezdna', 'pl'],
      ['Drzewo przewrócone', 'pl'],
      ['Zapchana studzienka', 'pl'],
      ['Potrzebna pomoc', 'pl'],
      ['Dzieci bawią się przy rowie', 'pl'],
      ['Ulica ciemna od miesiąca', 'pl'],
      ['To nie pierwszy raz', 'pl'],
      ['Smród z rowu', 'pl'],
      ['Gdzie mogę to zgłosić', 'pl'],
      ['Wywrotka zostawiła gruz', 'pl'],
      ['Rowy pełne wody', 'pl'],
      ['Straszne korki przez roboty', 'pl'],
      ['Rów', 'pl'],
      ['Śmieci!!', 'pl'],
      ['dzięki', 'pl'],
      ['Lamp out', 'en'],
      ['Mud everywhere', 'en'],
      ['Nobody cleans up', 'en'],
      ['Road impassable', 'en'],
      ['Tree fallen over', 'en'],
      ['Blocked gully', 'en'],
      ['Need help', 'en'],
      ['Kids playing by the ditch', 'en'],
      ['Street dark for a month', 'en'],
      ['Not the first time', 'en'],
      ['Stinks', 'en'],
      ['Where can I report this', 'en'],
      ['Tipper left rubble', 'en'],
      ['Ditches full of water', 'en'],
      ['Awful traffic due to works', 'en'],
      ['Drain', 'en'],
      ['Bins!!', 'en'],
      ['cheers', 'en'],
      ['Cheeky kids with a football', 'en'],
      ['Pizza boxes dumped in the lay-by', 'en'],
      ['Lucky nobody was hurt', 'en'],
    ];
    const all = [...fixture('geoparse-labelled.json'), ...fixture('geoparse-heldout.json'), ...short.map(([text, lang]) => ({ text, lang }))];
    const wrong = all.filter((x) => detectLanguage(x.text) !== x.lang).map((x) => x.text);
    console.log(`detectLanguage: ${all.length - wrong.length}/${all.length} right`, wrong);
    expect(all.length).toBeGreaterThan(340);
    expect(wrong.length / all.length).toBeLessThanOrEqual(0.01);
  });

  it('answers English when there is nothing to go on', () => {
    expect(detectLanguage('')).toBe('en');
    expect(detectLanguage('Errol!!! 😡')).toBe('en');
    expect(detectLanguage('https://example.org/zalany-row')).toBe('en');
  });
});
