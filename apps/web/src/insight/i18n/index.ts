import { locale } from '../../i18n/index.ts';
import en, { type InsightMessages } from './en.ts';
import pl from './pl.ts';

const CATALOGUES: Record<string, InsightMessages> = { en, pl };

/** The insight pages' messages in the app's current language. */
export const ti = (): InsightMessages => CATALOGUES[locale()] ?? en;
