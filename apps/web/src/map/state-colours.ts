/**
 * The colours of reports on the resident's maps live in core (map-colours.ts), so the server's
 * still picture of the map draws with the same table as MapLibre and the legend.
 */
export { CLUSTER_COLOUR, CLUSTER_RADIUS_STEPS, STATE_COLOUR_GROUPS, STATE_COLOURS, UNKNOWN_STATE_COLOUR, clusterRadius, stateColour } from '@groundswell/core/rules';
