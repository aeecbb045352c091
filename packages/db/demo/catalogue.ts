/** The council's teams and the categories residents choose from, with their question forms. */
import type { GeometryKind, LocalizedText, Question, ReportState } from '@groundswell/core';

export interface TeamDef {
  code: string;
  name: string;
  /** The name in the council's other languages. */
  names: Record<string, string>;
  email: string;
}

export const TEAMS: readonly TeamDef[] = [
  { code: 'roads', name: 'Roads', names: { pl: 'Drogi' }, email: 'roads@council.example' },
  { code: 'flooding', name: 'Flooding and drainage', names: { pl: 'Powodzie i odwodnienie' }, email: 'flooding@council.example' },
  { code: 'waste', name: 'Waste and street cleaning', names: { pl: 'Odpady i sprzątanie ulic' }, email: 'waste@council.example' },
  { code: 'lighting', name: 'Street lighting', names: { pl: 'Oświetlenie ulic' }, email: 'lighting@council.example' },
  { code: 'customer_service', name: 'Customer service', names: { pl: 'Obsługa mieszkańców' }, email: 'contact@council.example' },
];

export type CategoryCode = 'blocked_ditch' | 'flooding' | 'litter' | 'fly_tipping' | 'pothole' | 'street_light';

export interface CategoryDef {
  code: CategoryCode;
  name: LocalizedText;
  description: LocalizedText;
  group: string;
  icon: string;
  /** All at least 4.5:1 against white, and told apart by hue and by icon. */
  color: string;
  geometryTypes: GeometryKind[];
  questions: Question[];
  responseDays: number;
  contactRequired: { name: boolean; email: boolean; phone: boolean };
  team: string;
}

const t = (en: string, pl: string): LocalizedText => ({ en, pl });
const choice = (value: string, en: string, pl: string) => ({ value, label: t(en, pl) });

export const CATEGORIES: readonly CategoryDef[] = [
  {
    code: 'blocked_ditch',
    name: t('Blocked ditch or drain', 'Zablokowany rów lub odpływ'),
    description: t(
      'A field drain, roadside ditch, pow or culvert that is blocked, overgrown or collapsed. Draw a line along the stretch that is affected.',
      'Rów melioracyjny, rów przydrożny lub przepust, który jest zablokowany, zarośnięty albo osunięty. Narysuj linię wzdłuż odcinka, którego to dotyczy.',
    ),
    group: 'Flooding and drainage',
    icon: 'ditch',
    color: '#00715a',
    geometryTypes: ['LineString', 'Point'],
    responseDays: 10,
    contactRequired: { name: false, email: true, phone: false },
    team: 'flooding',
    questions: [
      {
        id: 'how_blocked',
        type: 'single_choice',
        required: true,
        label: t('How blocked is it?', 'Jak bardzo jest zablokowany?'),
        choices: [
          choice('partly_blocked', 'Partly blocked, water still flows', 'Częściowo, woda wciąż płynie'),
          choice('blocked', 'Blocked, water is not flowing', 'Całkowicie, woda nie płynie'),
          choice('collapsed', 'The bank or pipe has collapsed', 'Brzeg lub rura się zawaliły'),
        ],
      },
      {
        id: 'backing_up',
        type: 'yes_no',
        required: false,
        label: t('Is water backing up onto the road or fields?', 'Czy woda cofa się na drogę lub pola?'),
      },
      {
        id: 'blocked_by',
        type: 'multiple_choice',
        required: false,
        label: t('What is blocking it?', 'Co go blokuje?'),
        help: t('Choose all that apply.', 'Zaznacz wszystkie pasujące odpowiedzi.'),
        choices: [
          choice('vegetation', 'Reeds, weeds or branches', 'Trzciny, chwasty lub gałęzie'),
          choice('silt', 'Silt or mud', 'Muł lub błoto'),
          choice('rubbish', 'Rubbish', 'Śmieci'),
          choice('collapsed_bank', 'A collapsed bank', 'Osunięty brzeg'),
          choice('other', 'Something else', 'Coś innego'),
        ],
      },
      {
        id: 'water_depth_cm',
        type: 'number',
        required: false,
        label: t('Roughly how deep is the water (cm)?', 'Jak głęboka jest woda (cm)?'),
        min: 0,
        max: 300,
        unit: 'cm',
        showIf: { question: 'backing_up', in: [true] },
      },
    ],
  },
  {
    code: 'flooding',
    name: t('Flooding', 'Podtopienie'),
    description: t(
      'Water lying on a road, path or property. If water is coming into a home right now, also phone the council’s emergency line.',
      'Woda stojąca na drodze, ścieżce lub posesji. Jeśli woda właśnie wdziera się do domu, zadzwoń także na numer alarmowy rady.',
    ),
    group: 'Flooding and drainage',
    icon: 'flood',
    color: '#0a5fa8',
    geometryTypes: ['Point', 'Polygon'],
    responseDays: 2,
    contactRequired: { name: true, email: true, phone: false },
    team: 'flooding',
    questions: [
      {
        id: 'depth',
        type: 'single_choice',
        required: false,
        label: t('How deep is the water?', 'Jak głęboka jest woda?'),
        choices: [
          choice('puddle', 'A large puddle', 'Duża kałuża'),
          choice('ankle', 'Ankle deep', 'Do kostek'),
          choice('knee', 'Knee deep', 'Do kolan'),
          choice('deeper', 'Deeper than that', 'Głębiej'),
        ],
      },
      {
        id: 'property_affected',
        type: 'yes_no',
        required: true,
        label: t('Is a home or business affected?', 'Czy zalany jest dom lub firma?'),
      },
      {
        id: 'since',
        type: 'date',
        required: false,
        label: t('Since when?', 'Od kiedy?'),
      },
      {
        id: 'source',
        type: 'single_choice',
        required: false,
        label: t('Where is the water coming from?', 'Skąd płynie woda?'),
        choices: [
          choice('rain', 'Surface water after rain', 'Woda opadowa po deszczu'),
          choice('ditch', 'An overflowing ditch or burn', 'Przepełniony rów lub strumień'),
          choice('drain', 'A blocked road drain', 'Zablokowana studzienka'),
          choice('tide', 'The river or a high tide', 'Rzeka lub przypływ'),
          choice('unknown', 'Not sure', 'Nie wiem'),
        ],
      },
    ],
  },
  {
    code: 'litter',
    name: t('Litter', 'Śmieci'),
    description: t(
      'Litter, overflowing bins or dog waste in a public place. Mark the spot, or draw the area if it is spread out.',
      'Śmieci, przepełnione kosze lub psie odchody w miejscu publicznym. Zaznacz miejsce albo narysuj obszar, jeśli śmieci są rozrzucone.',
    ),
    group: 'Street cleaning',
    icon: 'litter',
    color: '#8a4f00',
    geometryTypes: ['Point', 'Polygon'],
    responseDays: 5,
    contactRequired: { name: false, email: false, phone: false },
    team: 'waste',
    questions: [
      {
        id: 'amount',
        type: 'single_choice',
        required: false,
        label: t('How much is there?', 'Ile jest śmieci?'),
        choices: [
          choice('few_items', 'A few items', 'Kilka sztuk'),
          choice('bag', 'About a bag full', 'Około jednego worka'),
          choice('several_bags', 'Several bags full', 'Kilka worków'),
          choice('lots', 'Lots, spread over a wide area', 'Bardzo dużo, na dużym obszarze'),
        ],
      },
      {
        id: 'sharps',
        type: 'yes_no',
        required: false,
        label: t('Are there needles or broken glass?', 'Czy są tam igły lub potłuczone szkło?'),
        help: t('Please do not touch them.', 'Prosimy ich nie dotykać.'),
      },
    ],
  },
  {
    code: 'fly_tipping',
    name: t('Fly-tipping', 'Nielegalne wysypisko'),
    description: t(
      'Rubbish dumped illegally on a verge, lay-by, field gateway or path. Do not touch it, and tell us if you saw who left it.',
      'Śmieci nielegalnie porzucone na poboczu, zatoczce, przy wjeździe na pole lub na ścieżce. Nie dotykaj ich i daj nam znać, jeśli widziałeś, kto je zostawił.',
    ),
    group: 'Street cleaning',
    icon: 'flytip',
    color: '#a3236b',
    geometryTypes: ['Point', 'Polygon'],
    responseDays: 5,
    contactRequired: { name: false, email: true, phone: false },
    team: 'waste',
    questions: [
      {
        id: 'dumped',
        type: 'multiple_choice',
        required: true,
        label: t('What has been dumped?', 'Co zostało porzucone?'),
        choices: [
          choice('household_bags', 'Household rubbish bags', 'Worki ze śmieciami domowymi'),
          choice('furniture', 'Furniture or mattresses', 'Meble lub materace'),
          choice('building_rubble', 'Building rubble', 'Gruz budowlany'),
          choice('garden_waste', 'Garden waste', 'Odpady ogrodowe'),
          choice('tyres', 'Tyres', 'Opony'),
          choice('white_goods', 'Fridges, cookers or washing machines', 'Lodówki, kuchenki lub pralki'),
          choice('asbestos', 'Something that may be asbestos', 'Coś, co może być azbestem'),
          choice('other', 'Something else', 'Coś innego'),
        ],
      },
      {
        id: 'blocking',
        type: 'yes_no',
        required: false,
        label: t('Is it blocking a road or path?', 'Czy blokuje drogę lub ścieżkę?'),
      },
      {
        id: 'bin_bags',
        type: 'number',
        required: false,
        label: t("Roughly how many bin bags' worth?", 'Mniej więcej ile worków na śmieci?'),
        min: 0,
        max: 500,
      },
      {
        id: 'saw_who',
        type: 'yes_no',
        required: false,
        label: t('Did you see who dumped it?', 'Czy widziałeś, kto to porzucił?'),
      },
      {
        id: 'vehicle',
        type: 'text',
        required: false,
        maxLength: 200,
        label: t('Describe the vehicle, or its registration if you saw it', 'Opisz pojazd lub podaj numer rejestracyjny, jeśli go widziałeś'),
        showIf: { question: 'saw_who', in: [true] },
      },
    ],
  },
  {
    code: 'pothole',
    name: t('Pothole', 'Dziura w drodze'),
    description: t(
      'A hole or broken surface on a road, pavement or cycle path. Mark the spot as exactly as you can.',
      'Dziura lub uszkodzona nawierzchnia na drodze, chodniku lub ścieżce rowerowej. Zaznacz miejsce jak najdokładniej.',
    ),
    group: 'Roads',
    icon: 'pothole',
    color: '#b23c00',
    geometryTypes: ['Point'],
    responseDays: 10,
    contactRequired: { name: false, email: true, phone: false },
    team: 'roads',
    questions: [
      {
        id: 'width_cm',
        type: 'number',
        required: false,
        label: t('Roughly how wide (cm)?', 'Jaka jest mniej więcej szerokość (cm)?'),
        min: 1,
        max: 500,
        unit: 'cm',
      },
      {
        id: 'position',
        type: 'single_choice',
        required: true,
        label: t('Where on the road?', 'W którym miejscu drogi?'),
        choices: [
          choice('wheel_track', 'Where car wheels run', 'W śladzie kół'),
          choice('middle', 'In the middle of the lane', 'Na środku pasa'),
          choice('edge', 'At the edge of the road', 'Na krawędzi drogi'),
          choice('junction', 'At a junction', 'Na skrzyżowaniu'),
          choice('pavement', 'On the pavement or cycle path', 'Na chodniku lub ścieżce rowerowej'),
        ],
      },
    ],
  },
  {
    code: 'street_light',
    name: t('Street light fault', 'Awaria latarni'),
    description: t(
      'A street lamp that is out, flickering, on during the day or damaged. The number on the post helps us find it.',
      'Latarnia, która nie świeci, miga, świeci w dzień lub jest uszkodzona. Numer na słupie pomoże nam ją znaleźć.',
    ),
    group: 'Roads',
    icon: 'lamp',
    color: '#5b3a99',
    geometryTypes: ['Point'],
    responseDays: 10,
    contactRequired: { name: false, email: true, phone: false },
    team: 'lighting',
    questions: [
      {
        id: 'fault',
        type: 'single_choice',
        required: true,
        label: t('What is wrong?', 'Co jest nie tak?'),
        choices: [
          choice('out', 'It is not working', 'Nie świeci'),
          choice('flickering', 'It flickers', 'Miga'),
          choice('on_in_daytime', 'It is on during the day', 'Świeci w dzień'),
          choice('damaged', 'The post or lamp is damaged', 'Słup lub lampa są uszkodzone'),
        ],
      },
      {
        id: 'lamp_number',
        type: 'text',
        required: false,
        maxLength: 20,
        label: t('Lamp post number, if you can see it', 'Numer słupa, jeśli jest widoczny'),
      },
      {
        id: 'noticed_on',
        type: 'date',
        required: false,
        label: t('When did you first notice it?', 'Kiedy zauważyłeś to po raz pierwszy?'),
      },
    ],
  },
];

export interface TemplateDef {
  title: string;
  body: string;
  category: CategoryCode | null;
  state: ReportState | null;
}

/**
 * Answers officers start from. They are written to be edited: a person signs them, and
 * the date is a promise the officer checks before sending.
 */
export const RESPONSE_TEMPLATES: readonly TemplateDef[] = [
  {
    title: 'Thanks, we are looking at it',
    category: null,
    state: 'acknowledged',
    body: 'Thank you for letting us know. One of our team will look at this and we expect to have an answer for you by {expected_date}.',
  },
  {
    title: 'Ditch clearance booked',
    category: 'blocked_ditch',
    state: 'action_scheduled',
    body: 'Thanks for reporting this stretch of ditch. Our drainage crew has it on their list and will clear it by {expected_date}. If water comes over the road before then, please call us.',
  },
  { title: 'Ditch cleared', category: 'blocked_ditch', state: 'fixed', body: 'Our crew cleared this ditch today. Thank you for telling us; if it blocks again, please report it here.' },
  { title: 'Litter pick booked', category: 'litter', state: 'action_scheduled', body: 'Thanks. Our street cleaning team will clear this by {expected_date}.' },
  { title: 'Fly-tipping removed', category: 'fly_tipping', state: 'fixed', body: 'The dumped waste has been removed. We have kept the details in case we can trace who left it.' },
  { title: 'Pothole repair planned', category: 'pothole', state: 'action_scheduled', body: 'We have inspected this pothole and a repair is planned by {expected_date}. Thank you for your patience.' },
  { title: 'Lamp repaired', category: 'street_light', state: 'fixed', body: 'The street light has been repaired. Thank you for reporting it.' },
  {
    title: 'Not ours: passed on',
    category: null,
    state: 'referred',
    body: 'This is looked after by another organisation, so we have passed your report to them. They will be in touch if they need more from you.',
  },
  { title: 'No further action', category: null, state: 'closed', body: 'We have looked at this and will not be taking further action, because {reason}. Thank you for taking the time to report it.' },
];
