import type { AreaFeature } from '@groundswell/db';

/** A code a URL can carry, from a name: "St Madoes & Glencarse" → "st-madoes-glencarse". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** GeoJSON features as areas, named by the property the user chose. */
export function areaFeatures(features: Array<{ properties: Record<string, unknown> | null; geometry: unknown }>, nameProperty: string, codeProperty?: string): AreaFeature[] {
  return features.map((f, index) => {
    const name = String(f.properties?.[nameProperty] ?? '').trim() || `Area ${index + 1}`;
    const code = codeProperty && f.properties?.[codeProperty] !== undefined ? String(f.properties[codeProperty]) : slug(name) || `area-${index + 1}`;
    return { index, name, code, geometry: f.geometry };
  });
}
