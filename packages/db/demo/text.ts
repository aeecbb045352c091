/**
 * What people write: residents' descriptions (mostly English, some Polish), officers'
 * public answers in a human voice, internal notes, and invented names.
 */
import type { Answers } from '@groundswell/core';
import type { CategoryCode } from './catalogue.ts';
import type { Rng } from './random.ts';

/** Where a report is, in words a resident would use. */
export interface Place {
  village: string;
  /** "the bus shelter in Errol", "the lay-by on the A90 near Inchture"... */
  spot: string;
  /** "the A90", "the road up to Abernyte"; absent off-road. */
  road?: string;
  /** The pow or drain a ditch report is about. */
  ditch?: string;
}

type Line = (p: Place, a: Answers) => string;

const roadOr = (p: Place, fallback: string) => p.road ?? fallback;
/** "the road up to Abernyte near Inchture", without saying the village twice. */
const roadNear = (p: Place, fallback = 'the road') => {
  const r = roadOr(p, fallback);
  return r.includes(p.village) ? r : `${r} near ${p.village}`;
};

const DITCH: Record<string, Line[]> = {
  partly_blocked: [
    (p) => `The ditch along the field edge near ${p.village} is about half full of reeds and silt. Water is still moving but only just.`,
    (p) => `${cap(p.ditch ?? 'The ditch')} is choked with weed along this stretch. Not overflowing yet but it will be after the next heavy rain.`,
    (p) => `Someone has tipped grass cuttings and hedge trimmings into ${p.ditch ?? 'the drain'} near ${p.village}. It's starting to back up.`,
    (p) => `The drain running down towards the Tay from ${p.village} is so overgrown you can barely see the water. Could it be cleared before the winter?`,
    (p) => `Branches from the storm are lying across ${p.ditch ?? 'the ditch'} and catching everything that comes down. Partly blocked at the moment.`,
  ],
  blocked: [
    (p) => `${cap(p.ditch ?? 'The ditch')} is completely blocked here, looks like silt and a fallen willow. Water is sitting in the field next to it.`,
    (p) => `Blocked drain beside ${roadNear(p)}. The water has nowhere to go and comes across the road every time it rains.`,
    (p) => `Someone has dumped rubble and a pallet in ${p.ditch ?? 'the ditch'} near ${p.village} and it has stopped flowing altogether.`,
    () => `The culvert end is blocked solid with silt and reeds. Water is pooling on the upstream side and the field is turning into a pond.`,
    (p) => `This stretch of ${p.ditch ?? 'the ditch'} has not been cleared in years. Totally silted up, no flow at all.`,
  ],
  collapsed: [
    (p) => `The bank of ${p.ditch ?? 'the ditch'} has slumped in after the storm and is blocking most of the channel. The fence is hanging over the edge.`,
    (p) => `The side of the ditch has collapsed next to the farm track near ${p.village}. It's blocked and the track is being undermined, not safe for tractors.`,
    () => `Part of the ditch wall has fallen in and the water is backing up into the neighbouring field.`,
    () => `The pipe under the field entrance has collapsed and there is a hole opening up in the track above it.`,
  ],
};

const DITCH_PL: Record<string, Line[]> = {
  partly_blocked: [(p) => `Rów koło ${p.village} jest mocno zarośnięty trzciną i zamulony. Woda jeszcze płynie, ale bardzo wolno.`],
  blocked: [
    (p) => `Rów melioracyjny przy polu koło ${p.village} jest całkowicie zarośnięty i zamulony. Woda stoi na polu i zaczyna wylewać na drogę.`,
    (p) => `W rowie koło ${p.village} ktoś wyrzucił gruz i gałęzie. Woda w ogóle nie płynie.`,
  ],
  collapsed: [() => `Brzeg rowu osunął się po ostatniej burzy i zablokował przepływ. Proszę o sprawdzenie.`],
};

const FLOODING: Record<'home' | 'road', Line[]> = {
  home: [
    (p) => `Our back garden in ${p.village} is under water again and it's creeping up to the back door. It's coming off the field behind the houses.`,
    (p) => `Water coming up through the drain cover outside the shop in ${p.village} and into the doorway.`,
    (p) => `Flooding at the end of our street in ${p.village}, the garage is already wet inside. The road drain can't take it.`,
    () => `The water from the field has come through the hedge and into the yard. The workshop floor is flooded.`,
  ],
  road: [
    (p) => `${cap(roadNear(p))} is flooded right across after last night's rain. Cars are having to crawl through it.`,
    (p) => `Water is pouring off the field and down ${roadNear(p)}, there is a big pool at the dip by the farm entrance.`,
    (p) => `The path near ${p.village} is flooded and impassable, the kids can't get to the bus stop without going on the road.`,
    (p) => `Standing water across both lanes at ${p.spot}. Really dangerous in the dark, I nearly aquaplaned.`,
    (p) => `The field beside ${roadNear(p)} is a lake and it's spilling over onto the road. It's been like this for three days.`,
    (p) => `Every time it rains heavily the road floods at ${p.spot}. The gullies look completely blocked with leaves.`,
  ],
};

const FLOODING_PL: Record<'home' | 'road', Line[]> = {
  road: [(p) => `Droga koło ${p.village} jest zalana, woda sięga do kostek. Samochody ledwo przejeżdżają.`],
  home: [(p) => `Woda z pola zalewa nasz ogród w ${p.village}, już drugi raz w tym miesiącu. Dochodzi prawie do drzwi.`],
};

const LITTER: Record<'sharps' | 'plain', Line[]> = {
  sharps: [
    (p) => `After the weekend there's broken glass and bottles all over the play park in ${p.village}. Please clear it before the kids are back.`,
    (p) => `Found what looks like a used needle by the bench at ${p.spot}. I didn't touch it. Please can someone collect it safely.`,
    (p) => `Smashed bottles all over the pavement at ${p.spot}, dogs and kids walk here every day.`,
  ],
  plain: [
    (p) => `Lots of cans and takeaway rubbish thrown out of cars in the lay-by on ${roadNear(p, 'the main road')}.`,
    (p) => `The bin at the bus shelter in ${p.village} is overflowing and rubbish is blowing into the hedge.`,
    (p) => `Litter all along the verge on ${roadNear(p)}. Bottles, crisp packets, coffee cups, you name it.`,
    (p) => `Bags of dog mess hung on the fence by the path at ${p.spot}. It gets worse every week.`,
    (p) => `Our litter picking group filled six bags on ${roadOr(p, `the road out of ${p.village}`)} on Saturday. There's still a lot down in the ditch that we can't reach safely.`,
    (p) => `Fast food packaging everywhere at ${p.spot}. Looks like people stop here to eat.`,
    (p) => `The area around the recycling point in ${p.village} is a mess, bags and cardboard left beside the full bins.`,
  ],
};

const LITTER_PL: Record<'sharps' | 'plain', Line[]> = {
  plain: [(p) => `Dużo śmieci przy przystanku autobusowym w ${p.village}, kosz jest przepełniony.`],
  sharps: [(p) => `Na poboczu drogi koło ${p.village} leżą butelki i puszki, także potłuczone szkło.`],
};

const FLYTIP: Record<string, Line[]> = {
  furniture: [(p) => `Someone has dumped a mattress and a couple of bags of household rubbish at ${p.spot}.`, (p) => `A sofa and an old wardrobe have been dumped in the lay-by on ${roadNear(p)}.`],
  building_rubble: [
    (p) => `Pile of builders' rubble and plasterboard tipped at the side of ${roadNear(p)} overnight.`,
    (p) => `Bathroom suite, tiles and rubble dumped at ${p.spot}. Looks like a whole refit.`,
  ],
  white_goods: [(p) => `Old fridge and a washing machine dumped in the lay-by on ${roadNear(p)}.`],
  household_bags: [
    (p) => `A pile of black bags dumped in the passing place on the road out of ${p.village}. Foxes have ripped them open and it's everywhere.`,
    (p) => `Household rubbish bags left at ${p.spot}, third time this month.`,
  ],
  tyres: [(p) => `A load of tyres dumped where the farm track meets ${roadNear(p)}.`],
  garden_waste: [(p) => `Garden waste and a broken trampoline tipped over the wall into the wood near ${p.village}.`],
  asbestos: [(p) => `What looks like asbestos sheeting (grey, corrugated, broken up) dumped at ${p.spot}. Nobody should touch it.`],
  other: [(p) => `Van-load of mixed rubbish dumped at the bottom of the track near ${p.village}.`],
};

const FLYTIP_PL: Record<string, Line[]> = {
  furniture: [(p) => `Ktoś wyrzucił stare meble i materac przy wjeździe na pole koło ${p.village}.`],
  household_bags: [(p) => `Worki ze śmieciami porzucone na poboczu koło ${p.village}. Lisy je rozerwały.`],
  building_rubble: [(p) => `Gruz budowlany wysypany na poboczu drogi koło ${p.village}.`],
  other: [(p) => `Ktoś wyrzucił sterty śmieci przy drodze koło ${p.village}. Proszę o uprzątnięcie.`],
};

const POTHOLE: Line[] = [
  (p) => `Deep pothole on ${roadNear(p)}, right on the bend. I nearly came off my bike.`,
  (p) => `Pothole at ${p.spot}, full of water so you can't see how deep it is.`,
  (p) => `Several potholes at the junction in ${p.village}, one of them burst my tyre last week.`,
  (p) => `The edge of the road has broken up at ${p.spot}, there's a big hole where cars pull in to let each other pass.`,
  (p) => `Pothole just outside the school in ${p.village}, parents and kids are stepping round it on the road.`,
  (p) => `Road surface breaking up badly on ${roadNear(p)}, there's a hole about the size of a dinner plate.`,
  (p) => `The patch that was put in last winter at ${p.spot} has come out again and the hole is back.`,
];

const POTHOLE_PL: Line[] = [(p) => `Duża dziura w jezdni koło ${p.village}. Uszkodziłem oponę.`, (p) => `Wyrwa w asfalcie przy skrzyżowaniu w ${p.village}, bardzo niebezpieczna dla rowerzystów.`];

const LIGHT: Record<string, Line[]> = {
  out: [
    (p) => `Street light outside our house in ${p.village} has been out for a week. It's pitch dark walking home from the bus.`,
    (p) => `Two lights out in a row on the path at ${p.spot}.`,
    (p) => `The lamp at the bus stop in ${p.village} is out, people are waiting in the dark.`,
  ],
  flickering: [
    (p) => `The street lamp at ${p.spot} keeps flickering on and off all night and shines straight into our bedroom.`,
    (p) => `Light flickers and buzzes near the village hall in ${p.village}.`,
  ],
  on_in_daytime: [(p) => `Street light in ${p.village} is on all day, it has been for about a fortnight.`, (p) => `Lamp at ${p.spot} has been on constantly since the weekend.`],
  damaged: [
    (p) => `The lamp post at ${p.spot} was hit by a car. It's leaning over and the door at the bottom is open with wires showing.`,
    (p) => `The cover has come off the lamp head at ${p.spot} and it's hanging down.`,
  ],
};

const LIGHT_PL: Record<string, Line[]> = {
  out: [(p) => `Latarnia przy przystanku w ${p.village} nie świeci od kilku dni.`],
  flickering: [(p) => `Latarnia koło ${p.village} miga całą noc i świeci nam prosto w okna.`],
  on_in_daytime: [(p) => `Latarnia w ${p.village} świeci przez cały dzień.`],
  damaged: [(p) => `Słup latarni w ${p.village} jest przechylony po uderzeniu samochodu, widać kable.`],
};

/** Reports a moderator hid: personal data about someone else, abuse, spam or tests. */
const HIDDEN: { text: (p: Place) => string; reason: string }[] = [
  {
    text: (p) => `The man at number 12 in ${p.village} (Mr D. Forbes, phone 07700 900123) keeps putting his garden waste in the ditch. Everyone knows it's him.`,
    reason: 'Names a third party and gives their phone number',
  },
  {
    text: () => `Third time I've reported this. Absolutely useless, the lot of you, what exactly do we pay council tax for??? Get your backsides out here.`,
    reason: 'Abusive language; the same problem is already reported',
  },
  { text: () => `Cheap rubbish removal, any job, same day! Call Tay Clearances on 07700 900555 for a quote.`, reason: 'Advertising' },
  { text: () => `test test please ignore`, reason: 'Test report' },
  {
    text: (p) => `It's the lot at the caravan near ${p.village} dumping everything, I've got photos of their car registration and I'll post them online if nothing is done.`,
    reason: 'Accusation against identifiable people',
  },
];

export function hiddenReport(rng: Rng, p: Place): { text: string; reason: string } {
  const h = rng.pick(HIDDEN);
  return { text: h.text(p), reason: h.reason };
}

export function describe(rng: Rng, category: CategoryCode, a: Answers, p: Place, polish: boolean): string {
  const pick = (lines: Line[]) => rng.pick(lines)(p, a);
  switch (category) {
    case 'blocked_ditch': {
      const bank = polish ? DITCH_PL : DITCH;
      return pick(bank[String(a.how_blocked)] ?? bank.blocked!);
    }
    case 'flooding':
      return pick((polish ? FLOODING_PL : FLOODING)[a.property_affected ? 'home' : 'road']);
    case 'litter':
      return pick((polish ? LITTER_PL : LITTER)[a.sharps ? 'sharps' : 'plain']);
    case 'fly_tipping': {
      const dumped = Array.isArray(a.dumped) ? a.dumped : [];
      if (polish) return pick(FLYTIP_PL[dumped.find((d) => FLYTIP_PL[d]) ?? 'other']!);
      const first = dumped.find((d) => FLYTIP[d]) ?? 'other';
      let text = pick(FLYTIP[first]!);
      if (a.saw_who === true) text += ` I saw ${rng.pick(['a white van', 'a silver pickup with a trailer', 'a dark blue estate car'])} driving off just after.`;
      return text;
    }
    case 'pothole':
      return polish ? pick(POTHOLE_PL) : pick(POTHOLE);
    case 'street_light': {
      const bank = polish ? LIGHT_PL : LIGHT;
      return pick(bank[String(a.fault)] ?? bank.out!);
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Friday 14 March", the way an officer writes a date. */
export function spokenDate(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** What officers write, per category and step. `where` names the ditch, village or road. */
export interface AnswerContext {
  where: string;
  village: string;
  date?: Date;
  trunkRoad?: boolean;
}

type Say = (c: AnswerContext) => string;

const ACK: Record<CategoryCode, Say[]> = {
  blocked_ditch: [
    (c) => `Thanks for letting us know. We've passed this to our drainage crew and someone will walk ${c.where} in the next few days to see what's needed.`,
    () => `Thanks for reporting this. Ditches like this one are what stop the carse flooding, so we'll get it looked at.`,
  ],
  flooding: [
    (c) => `Thanks for reporting this. Our flooding team has been told and will check the road drains and gullies near ${c.village}.`,
    () => `Thank you. We've logged this and a drainage officer will come out to have a look.`,
  ],
  litter: [
    (c) => `Thanks for the report. This is on the list for our street cleaning crew on their next round in ${c.village}.`,
    () => `Thanks for taking the time to tell us. We'll get this cleared.`,
  ],
  fly_tipping: [
    () => `Thanks for reporting this. We'll arrange an uplift and check the waste for anything that shows who dumped it.`,
    () => `Thank you. Our enforcement officer will look at this before it's cleared, in case there's evidence of who left it.`,
  ],
  pothole: [
    () => `Thanks for letting us know. One of our road inspectors will look at this and decide what repair is needed.`,
    (c) => `Thanks. We've added this to the inspection list for roads around ${c.village}.`,
  ],
  street_light: [
    () => `Thanks, we've logged the fault with our street lighting engineers.`,
    () => `Thank you for reporting this. Our lighting contractor will check the lamp on their next night patrol.`,
  ],
};

const SCHEDULED: Record<CategoryCode, Say[]> = {
  blocked_ditch: [
    (c) => `Our drainage crew will clear this stretch of ${c.where} by ${spokenDate(c.date!)}.`,
    (c) => `We've booked a digger to clear the silt from ${c.where}. The crew expects to be there by ${spokenDate(c.date!)}, weather and ground conditions permitting.`,
  ],
  flooding: [(c) => `We've booked a gully tanker to clear the drains here by ${spokenDate(c.date!)}.`],
  litter: [(c) => `The street cleaning crew will be out at ${c.village} by ${spokenDate(c.date!)}.`],
  fly_tipping: [(c) => `The uplift is booked for ${spokenDate(c.date!)}. Please don't add anything to the pile in the meantime.`],
  pothole: [
    (c) => `Our inspector has seen this and it's booked in for a permanent patch repair by ${spokenDate(c.date!)}.`,
    (c) => `This is part of a resurfacing job on this road, planned to be finished by ${spokenDate(c.date!)}. We'll put a temporary fill in before then if it gets worse.`,
  ],
  street_light: [(c) => `An engineer is booked to repair this lamp by ${spokenDate(c.date!)}.`],
};

const IN_PROGRESS: Record<CategoryCode, Say[]> = {
  blocked_ditch: [(c) => `The crew started clearing ${c.where} today. It's a long stretch, so we expect to finish by ${spokenDate(c.date!)}.`],
  flooding: [(c) => `We're working on this now. The drain under the road needs a camera survey, which we expect to have done by ${spokenDate(c.date!)}.`],
  litter: [(c) => `Our crew is working through this area and should have it finished by ${spokenDate(c.date!)}.`],
  fly_tipping: [(c) => `Our enforcement officer is looking into this before it's removed. We expect it to be cleared by ${spokenDate(c.date!)}.`],
  pothole: [(c) => `Repairs on this stretch have started and should be finished by ${spokenDate(c.date!)}.`],
  street_light: [(c) => `The fault is in the underground cable, so Scottish Power have to dig it up. They expect to be finished by ${spokenDate(c.date!)}.`],
};

const FIXED: Record<CategoryCode, Say[]> = {
  blocked_ditch: [
    (c) => `The crew cleared about 300 m of ${c.where} today, taking out the silt and vegetation. The water is flowing again. Thanks for your patience.`,
    () => `We've rebuilt the collapsed bank and cleared the channel. Thanks for telling us about it.`,
  ],
  flooding: [() => `The gullies have been jetted and the water has gone down. We'll keep an eye on it in the next heavy rain.`],
  litter: [(c) => `This has been cleared. Thanks for helping to keep ${c.village} tidy.`],
  fly_tipping: [() => `The dumped waste has been removed. We've kept a few items as evidence for our enforcement officer.`],
  pothole: [() => `The pothole has been filled with a permanent repair.`, () => `Repaired today. Thanks for reporting it.`],
  street_light: [() => `The lamp has been repaired and is working again.`],
};

const CLOSED: Record<CategoryCode, Say[]> = {
  blocked_ditch: [
    () => `We inspected this and the ditch is on private farmland, so it is the landowner's to keep clear. We've written to them asking them to clear it.`,
    () => `We had a look and the water is flowing freely now, so we're closing this. Please report it again if it blocks up.`,
  ],
  flooding: [() => `The water had drained away by the time we got there and the gullies were clear. We're closing this for now, but do tell us if it happens again.`],
  litter: [() => `Our crew visited but couldn't find the litter described; a volunteer may have picked it up. Thanks anyway.`],
  fly_tipping: [() => `This was on private land, so we've contacted the landowner, who will arrange to remove it.`],
  pothole: [() => `Our inspector looked at this and it doesn't yet meet our repair threshold (40 mm deep). We'll check it again on the next routine inspection.`],
  street_light: [() => `The lamp was working when our engineer visited at night, so we're closing this. Please let us know if it goes off again.`],
};

const REFERRED: Record<CategoryCode, Say[]> = {
  blocked_ditch: [() => `This blockage is in a Scottish Water surface water outfall, so we've passed your report to them.`],
  flooding: [() => `This looks like water from a Scottish Water sewer or main rather than rain running off, so we've passed it to them as urgent.`],
  litter: [() => `This is on Network Rail land beside the railway, so we've passed your report to them.`],
  fly_tipping: [() => `As this may be asbestos, we've referred it to a licensed contractor through SEPA, who will arrange safe removal.`],
  pothole: [() => `The A90 is a trunk road looked after by BEAR Scotland for Transport Scotland, so we've passed your report to them.`],
  street_light: [() => `This light belongs to the housing association, not the council, so we've passed your report on to them.`],
};

const TRUNK_ROAD: Say = () => `The A90 is a trunk road looked after by BEAR Scotland for Transport Scotland, so we've passed your report to them.`;

export const officer = {
  ack: (rng: Rng, cat: CategoryCode, c: AnswerContext) => rng.pick(ACK[cat])(c),
  scheduled: (rng: Rng, cat: CategoryCode, c: AnswerContext) => rng.pick(SCHEDULED[cat])(c),
  inProgress: (rng: Rng, cat: CategoryCode, c: AnswerContext) => rng.pick(IN_PROGRESS[cat])(c),
  fixed: (rng: Rng, cat: CategoryCode, c: AnswerContext) => rng.pick(FIXED[cat])(c),
  closed: (rng: Rng, cat: CategoryCode, c: AnswerContext) => rng.pick(CLOSED[cat])(c),
  referred: (rng: Rng, cat: CategoryCode, c: AnswerContext) => (c.trunkRoad ? TRUNK_ROAD(c) : rng.pick(REFERRED[cat])(c)),
  closeAfterFix: (rng: Rng) =>
    rng.pick([
      `Closing this report now that the work is finished. Thanks again for letting us know.`,
      `We've checked the repair and it's holding up, so we're closing this.`,
      `No further problems reported since the repair, so we're closing this one.`,
    ]),
  duplicate: (publicId: string) => `Thanks. This has already been reported, so we've joined your report to that one (${publicId}). You can follow progress there.`,
  /** Officers answer in English; a Polish "thank you" first is a courtesy many councils use. */
  polishThanks: () => `Dziękujemy za zgłoszenie.`,
};

const NOTES: Record<CategoryCode, string[]> = {
  blocked_ditch: [
    'Access by the farm track from the north end; ask at the farm first.',
    'Third report on this stretch this year. Suggest adding it to the cyclic clearance programme.',
    'Landowner phoned, agreed we can get a machine in after harvest.',
    'Check for water voles before clearing (SEPA guidance).',
  ],
  flooding: ['Known problem spot, gully connected to a blocked soakaway.', 'Sandbags offered to the resident, declined.', 'Called the resident back to confirm it is surface water, not sewage.'],
  litter: ['Added to the weekly route.', 'Volunteer litter pickers active here, offered them bags and a collection.'],
  fly_tipping: ['Envelope with an address found in the bags; passed to enforcement.', 'Photos sent to the enforcement officer.', 'Possible asbestos: do not send the normal crew.'],
  pothole: ['Measured 55 mm deep, category 2 defect.', 'Under the 40 mm threshold, monitor.', 'Raised works order with the patching gang.'],
  street_light: ['Column number confirmed from the asset register.', 'Likely a failed photocell, order part.', 'Cable fault, needs a Scottish Power appointment.'],
};

export function internalNote(rng: Rng, cat: CategoryCode): string {
  return rng.pick(NOTES[cat]);
}

const FIRST = [
  'Fiona',
  'Alasdair',
  'Morag',
  'Iain',
  'Catriona',
  'Euan',
  'Kirsty',
  'Graeme',
  'Shona',
  'Callum',
  'Eilidh',
  'Douglas',
  'Heather',
  'Ruaridh',
  'Ailsa',
  'Stuart',
  'Lorna',
  'Fraser',
  'Mhairi',
  'Neil',
  'Janet',
  'Gordon',
  'Isla',
  'Craig',
  'Moira',
  'Ewan',
  'Elaine',
  'Hamish',
  'Gillian',
  'Ross',
  'Sandra',
  'David',
  'Karen',
  'Jamie',
  'Margaret',
  'Colin',
];
const LAST = [
  'Robertson',
  'Stewart',
  'Campbell',
  'Anderson',
  'MacDonald',
  'Fraser',
  'Scott',
  'Reid',
  'Murray',
  'Paterson',
  'Duncan',
  'Ogilvie',
  'Lindsay',
  'Ramsay',
  'Crichton',
  'Menzies',
  'Gow',
  'Halley',
  'Brodie',
  'Keiller',
  'Soutar',
  'Fyffe',
  'Doig',
  'Nicoll',
  'Moncur',
  'Thomson',
  'Mitchell',
  'Hutcheson',
];
const POLISH = [
  'Agnieszka Kowalska',
  'Piotr Nowak',
  'Katarzyna Wiśniewska',
  'Tomasz Wójcik',
  'Magdalena Kamińska',
  'Marek Lewandowski',
  'Joanna Zielińska',
  'Paweł Szymański',
  'Anna Woźniak',
  'Krzysztof Dąbrowski',
  'Ewa Kozłowska',
  'Michał Jankowski',
  'Małgorzata Mazur',
  'Łukasz Krawczyk',
];

const ASCII: Record<string, string> = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z', Ł: 'l' };

export interface Person {
  name: string;
  email: string;
  phone: string;
}

export function person(rng: Rng, polish: boolean): Person {
  const name = polish ? rng.pick(POLISH) : `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const [first = '', last = ''] = name
    .toLowerCase()
    .replace(/[ąćęłńóśźżŁ]/g, (c) => ASCII[c] ?? c)
    .split(' ');
  const user = rng.pick([`${first}.${last}`, `${first}${last}`, `${first[0]}${last}`, `${first}.${last}${rng.int(1, 99)}`, `${first}${rng.int(60, 99)}`]);
  const email = `${user}@${rng.pick(['example.org', 'example.com', 'example.org'])}`;
  const phone = `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
  return { name, email, phone };
}
