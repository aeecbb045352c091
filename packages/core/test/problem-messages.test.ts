import { describe, expect, it } from 'vitest';
import { DomainError, ERROR_CODES, explainInvalid, ISSUE_TEXTS, LOCALES, localizeProblem, MESSAGES, messageIn, PROBLEM_TEXTS, problemOf, say, shapeErrors, translateMessage } from '../src/rules.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the problem catalogue', () => {
  it('has a title and a detail in every language for every error code', () => {
    for (const code of Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]) {
      for (const locale of LOCALES) {
        expect(PROBLEM_TEXTS[code].title[locale], `${code} ${locale}`).toBeTruthy();
        expect(PROBLEM_TEXTS[code].detail[locale], `${code} ${locale}`).toBeTruthy();
      }
      expect(PROBLEM_TEXTS[code].title.pl).not.toBe(PROBLEM_TEXTS[code].title.en);
    }
  });

  it('has every message and issue kind in every language, with the same placeholders', () => {
    for (const [key, texts] of [...Object.entries(MESSAGES), ...Object.entries(ISSUE_TEXTS)]) {
      for (const locale of LOCALES) {
        expect(texts[locale], `${key} ${locale}`).toBeTruthy();
        expect(placeholders(texts[locale]), `${key} ${locale}`).toEqual(placeholders(texts.en));
      }
    }
  });

  it('reads every English message back to its own Polish', () => {
    for (const key of Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]) {
      const params = Object.fromEntries(placeholders(MESSAGES[key].en).map((name) => [name!, name === 'message' ? say('description_required') : `<${name}>`]));
      const pl = messageIn('pl', key, { ...params, ...(params.message ? { message: messageIn('pl', 'description_required') } : {}) });
      expect(translateMessage(say(key, params), 'pl'), key).toBe(pl);
    }
  });

  it('translates the words inside a message and leaves other values as they are', () => {
    expect(translateMessage('Ditch can be drawn as a line or an area, not as a point', 'pl')).toBe('Ditch: można narysować jako linię lub obszar, nie jako punkt');
    expect(translateMessage('There is no public report abcd1234', 'pl')).toBe('Nie ma publicznego zgłoszenia abcd1234');
    expect(translateMessage('Something nobody said', 'pl')).toBeUndefined();
    expect(translateMessage('Something nobody said', 'en')).toBe('Something nobody said');
  });

  it("speaks the console's most common refusals, state words included", () => {
    expect(translateMessage('A report cannot go from in progress to new', 'pl')).toBe('Zgłoszenie nie może przejść ze stanu „w realizacji” do „nowe”');
    expect(translateMessage('Not allowed from action_scheduled', 'pl')).toBe('Niedozwolone ze stanu prace zaplanowane');
    expect(translateMessage('Too many tries. Please wait 15 minutes and try again.', 'pl')).toBe('Zbyt wiele prób. Odczekaj, proszę, 15 min i spróbuj ponownie.');
  });

  it('words the shape rules through the catalogue', () => {
    expect(translateMessage(explainInvalid('Self-intersection[1 2]', 'Polygon'), 'pl')).toBe(messageIn('pl', 'area_edges_cross'));
    const [tooLong] = shapeErrors('LineString', { validReason: 'Valid Geometry', lengthMeters: 12_345, areaSquareMeters: 0 }, { maxLineMeters: 10_000, maxAreaSquareMeters: 1 });
    expect(translateMessage(tooLong!.message, 'pl')).toBe('Linia może mieć najwyżej 10.0 km długości; ta ma 12.3 km');
  });

  it('localizes a whole problem, keeping its code and fields, falling back to the issue kind', () => {
    const err = new DomainError('validation_failed', say('please_check', { fields: 'body.x', message: 'Expected number, received string' }), [
      { field: 'body.x', message: 'Expected number, received string' },
    ]);
    const pl = localizeProblem(problemOf(err), 'pl', [{ field: 'body.x', message: '', kind: 'too_big', limits: { maximum: 5 } }]);
    expect(pl.code).toBe('validation_failed');
    expect(pl.title).toBe(PROBLEM_TEXTS.validation_failed.title.pl);
    expect(pl.errors).toEqual([{ field: 'body.x', message: 'Ta wartość jest za duża lub za długa (najwyżej 5)' }]);
    expect(pl.detail).toBe('Sprawdź, proszę, body.x: Ta wartość jest za duża lub za długa (najwyżej 5)');
    expect(localizeProblem(problemOf(new DomainError('forbidden', 'Staff only words')), 'pl').detail).toBe(PROBLEM_TEXTS.forbidden.detail.pl);
    expect(localizeProblem(problemOf(err), 'en')).toEqual(problemOf(err));
  });
});
