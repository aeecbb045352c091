import { createCatalogue } from '../../../i18n/catalogue.ts';
import { locale } from '../../../i18n/index.ts';
import en, { type ListeningMessages } from './en.ts';
import pl from './pl.ts';

/** The listening inbox's messages in the app's current language. */
export const lt: () => ListeningMessages = createCatalogue<ListeningMessages>({ en, pl }, locale);
