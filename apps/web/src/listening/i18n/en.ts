/** "How we listen" in English: the reference catalogue (pl.ts must have the same keys). */
const en = {
  title: 'How we listen',
  intro:
    'The council listens for reports of local problems where people already talk about them: local news and forum feeds, its own mailbox and text number, and public social networks. This page is made from the settings in use, so what it says is what happens.',
  failed: 'This page could not be loaded. Please try again.',
  off: 'Listening is switched off: the council reads only what is sent through this site.',
  sourcesHeading: 'Where we listen',
  kinds: {
    feed: 'News, blog and forum feeds (RSS or Atom)',
    email: 'Email to the council’s mailbox',
    sms: 'Text messages to the council’s number',
    mastodon: 'Public posts on Mastodon',
    bluesky: 'Public posts on Bluesky',
  } as Record<string, string>,
  keywordsHeading: 'What we listen for',
  keywordsIntro: 'A message is kept only if it uses one of these words and names a place in our area, or was sent to the council directly.',
  languages: { en: 'In English', pl: 'In Polish' } as Record<string, string>,
  except: 'Not when it also says: {words}',
  keptHeading: 'What we keep and for how long',
  unconverted: 'A message that does not become a report is deleted after {days} days.',
  converted: 'A message that became a report keeps only its text, its link and its time once the report is closed; who said it is removed.',
  stored: [
    'Only messages that use one of the words above and name a place in our area, or were sent to us.',
    'The text, a link to the original, the time, and who said it as the platform shows them.',
  ],
  never: [
    'A list or search of one person’s messages.',
    'Names or handles in any statistics (they are counted by a keyed hash).',
    'Anything from private groups or closed platforms.',
    'Messages on any public page or in the open data.',
  ],
  neverHeading: 'What we never do',
  contactHeading: 'Who to contact',
  contact: 'To ask about this, or to have a message about you removed, write to {email}.',
  noContact: 'To ask about this, or to have a message about you removed, contact the council.',
  privacy: 'Your data and privacy',
};

export type HowWeListenMessages = typeof en;
export default en;
