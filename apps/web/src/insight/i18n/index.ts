import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';
import en, { type InsightMessages } from './en.ts';
import pl from './pl.ts';

/** The insight pages' messages in the app's current language. */
export const ti: () => InsightMessages = createCatalogue<InsightMessages>({ en, pl }, locale);
