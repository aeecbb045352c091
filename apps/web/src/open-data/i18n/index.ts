import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';
import en, { type OpenDataMessages } from './en.ts';
import pl from './pl.ts';

/** The open data page's messages in the app's current language. */
export const od: () => OpenDataMessages = createCatalogue<OpenDataMessages>({ en, pl }, locale);
