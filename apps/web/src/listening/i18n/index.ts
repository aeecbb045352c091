import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';
import en, { type HowWeListenMessages } from './en.ts';
import pl from './pl.ts';

/** "How we listen" in the app's current language. */
export const hw: () => HowWeListenMessages = createCatalogue<HowWeListenMessages>({ en, pl }, locale);
