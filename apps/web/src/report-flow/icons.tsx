/**
 * Category icons: simple line drawings keyed by the category's `icon`, drawn inline so they
 * cost no requests and work offline. Unknown icons get a map pin. Decorative: the
 * category's name is always written beside them.
 */
const PATHS: Record<string, string> = {
  // Water running in a ditch between two banks.
  ditch: 'M3 7l4 10h10l4-10M6 13c2 1.2 4-1.2 6 0s4-1.2 6 0',
  // Waves rising to a house.
  flood: 'M4 11l8-6 8 6M6 10v4M18 10v4M3 17c1.5 1.2 3-1.2 4.5 0s3-1.2 4.5 0 3-1.2 4.5 0 3-1.2 4.5 0M3 21c1.5 1.2 3-1.2 4.5 0s3-1.2 4.5 0 3-1.2 4.5 0 3-1.2 4.5 0',
  // A bin with a lid.
  litter: 'M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14M10 11v6M14 11v6',
  // A heap of dumped things: a tyre and boxes.
  flytip: 'M2 20h20M4 20v-6h7v6M11 20v-9h6v9M17 17a3 3 0 1 1 0.01 0M6 14l2-3 3 3',
  // A hole in a road, with the lane edge.
  pothole: 'M3 20L8 4M21 20L16 4M12 5v2M12 10v2M8.5 16c0-1.7 1.6-3 3.5-3s3.5 1.3 3.5 3-1.6 2.5-3.5 2.5-3.5-.8-3.5-2.5z',
  // A street lamp.
  lamp: 'M8 21h8M12 21V8M12 8c0-3 2-4 5-4M15 4h5l-1 3h-3zM17.5 9.5l.5 1.5M20 8.5l1.3 1',
};
const PIN = 'M12 2C8 2 5 5 5 9c0 5.2 7 13 7 13s7-7.8 7-13c0-4-3-7-7-7zM12 6.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z';

export function CategoryIcon(props: { icon: string; colour?: string }) {
  return (
    <svg class="category-icon" viewBox="0 0 24 24" aria-hidden="true" style={{ color: props.colour }}>
      <path d={PATHS[props.icon] ?? PIN} />
    </svg>
  );
}
