import { createCatalogue } from '../../i18n/catalogue.ts';
import { locale } from '../../i18n/index.ts';
import en, { type PrivacyMessages } from './en.ts';
import pl from './pl.ts';

/** The privacy page's messages in the app's current language. */
export const pv: () => PrivacyMessages = createCatalogue<PrivacyMessages>({ en, pl }, locale);
