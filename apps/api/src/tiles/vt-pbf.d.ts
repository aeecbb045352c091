declare module 'vt-pbf' {
  export interface VtFeature {
    id?: number;
    /** 1 point, 2 line, 3 polygon. */
    type: 1 | 2 | 3;
    /** Points: [[x, y], …]; lines and polygons: [[[x, y], …], …] (lines or rings). */
    geometry: Array<[number, number]> | Array<Array<[number, number]>>;
    tags: Record<string, string | number | boolean>;
  }
  export function fromGeojsonVt(layers: Record<string, { features: VtFeature[] }>, options?: { version?: number; extent?: number }): Uint8Array;
}
