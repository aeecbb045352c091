import { describe, expect, it } from 'vitest';
import { PUBLIC_STATES } from '@groundswell/core/rules';
import { CLUSTER_COLOUR, STATE_COLOUR_GROUPS, stateColour } from '../../src/map/state-colours.ts';
import { STATE_COLOUR } from '../../src/map/report-layers.ts';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('state colours (the home map and its legend)', () => {
  it('gives every public state exactly one colour, each colour to one legend row', () => {
    const states = STATE_COLOUR_GROUPS.flatMap((g) => g.states);
    expect([...states].sort()).toEqual([...PUBLIC_STATES].sort());
    const colours = STATE_COLOUR_GROUPS.map((g) => g.colour);
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours).not.toContain(CLUSTER_COLOUR);
    for (const g of STATE_COLOUR_GROUPS) for (const s of g.states) expect(stateColour(s)).toBe(g.colour);
  });

  it('paints the map from the same table', () => {
    const paint = JSON.stringify(STATE_COLOUR);
    for (const g of STATE_COLOUR_GROUPS) expect(paint).toContain(`${JSON.stringify(g.states)},"${g.colour}"`);
  });

  it('keeps every colour readable against the white outline and text (4.5:1)', () => {
    for (const colour of [...STATE_COLOUR_GROUPS.map((g) => g.colour), CLUSTER_COLOUR]) expect(contrastWithWhite(colour)).toBeGreaterThanOrEqual(4.5);
  });
});
