const en = {
  title: 'Your data and privacy',
  intro: 'What we keep about you when you report a problem or follow one, why, and for how long. The periods below are the ones this site applies: they come from its settings.',
  controller: 'Responsible for your data (the data controller): {name}.',
  contact: 'To ask what we hold about you, to have it corrected or erased, write to {email}.',
  noContact: 'To ask what we hold about you, to have it corrected or erased, contact {name}.',
  policy: 'The full privacy notice',
  myReports: 'See your reports and follows, stop all emails or erase your contact details yourself',
  failed: 'The privacy notice could not be loaded. Please try again.',
  howWeListen: 'How we listen: what the council reads on feeds, email, text messages and social networks, and what it keeps',
  periods: {
    minutes: { one: '{count} minute', other: '{count} minutes' },
    days: { one: '{count} day', other: '{count} days' },
    weeks: { one: '{count} week', other: '{count} weeks' },
    months: { one: '{count} month', other: '{count} months' },
  },
  items: {
    contact: {
      heading: 'Your name, email and phone number on a report',
      why: 'So the council can tell you what happens, ask you about the problem, and ask whether it is fixed. They are never published, never in the open data, and only council staff see them.',
      kept: 'Kept while the report is open and for {afterClosed} after it is closed, then removed. The report stays, without them.',
    },
    follows: {
      heading: 'Your email when you follow a report or an area',
      why: 'To send you the updates you asked for. Every email has a link to stop them.',
      kept: 'A follow you never confirmed is removed after {unconfirmed}; one you stopped is removed {afterEnded} later.',
    },
    reports: {
      heading: 'What you report',
      why: 'The description, the place, the answers to the questions and the photos are a public record of the problem and of what the council did about it, published as open data.',
      kept: 'Kept as a public record. Your name is shown with it only if you chose to show it.',
    },
    photos: {
      heading: 'Photos',
      why: 'Published with the report. The location and camera details inside the photo are removed before it is stored.',
      kept: 'Kept with the report.',
    },
    supports: {
      heading: 'Supporting a report',
      why: 'Your phone makes a random number so that it counts once; we keep only a one-way scramble of it, which says nothing about you.',
      kept: 'Kept with the report.',
    },
    fixedQuestion: {
      heading: '“Is it fixed?”',
      why: 'If you gave your email, we ask you once whether the problem is fixed, {askedAfter} after it was marked fixed or after the date we promised.',
      kept: 'The link in that email works for {linkValid}.',
    },
    residentSignIn: {
      heading: 'Signing in to “My reports”',
      why: 'A link by email lets you see your reports on any device, without a password.',
      kept: 'The link works once, for {linkValid}; you stay signed in on that device for {session} unless you sign out.',
    },
    networkAddresses: {
      heading: 'Your network address',
      why: 'To stop floods of reports and emails, we count requests by a one-way scramble of the address, never the address itself.',
      kept: 'The counts are removed after {kept}.',
    },
    listening: {
      heading: 'What you say about the area in public',
      why: 'We read public posts, feeds and the texts and emails sent to us that use our keywords and name a place in our area, so that we can answer you there.',
      kept: 'A message that became no report is deleted after {unconverted}; one that became a report keeps only its words, link and time once the report is closed.',
    },
  },
};

export type PrivacyMessages = typeof en;
export default en;
