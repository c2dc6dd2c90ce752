/** Built-in suggestions. The user's own skills always come first; these only fill the gaps. */
export const STARTER_SOFT_SKILLS: readonly string[] = [
	'Giving feedback',
	'Receiving criticism',
	'Handling strong emotions',
	'Building rapport',
	'Small talk',
	'Networking at events',
	'Making robust plans',
	'Persuasive writing',
	'Saying no',
	'Asking for help',
	'Negotiating',
	'Running a meeting',
	'Listening',
	'Describing a scene to players',
	'Finding an angle on a hard problem',
	'Explaining a complex idea simply',
	'Apologising well',
	'Delegating',
	'Staying calm under pressure',
	'Telling a story'
];

/** Skills people are often already fluent in: the "Y" of X-is-really-Y. Soft or not. */
export const STRONG_SKILLS: readonly string[] = [
	'Cooking',
	'Driving',
	'Playing a sport',
	'Playing an instrument',
	'Debugging code',
	'Gardening',
	'Teaching a child',
	'Running a game session',
	'Drawing',
	'Reading a map',
	'Hiking',
	'Chess',
	'Writing code',
	'Knitting',
	'Caring for a pet',
	'Photography',
	'Budgeting',
	'Cycling',
	'Dancing',
	'Fixing things around the house'
];

/** Things to describe in a description sprint, short to long. */
export const SPRINT_SUBJECTS: Record<'short' | 'medium' | 'long', readonly string[]> = {
	short: [
		'a sword blow that lands',
		'a stranger walking in',
		'a spell going wrong',
		'the first bite of a meal',
		'a door that will not open',
		'a handshake that lasts too long'
	],
	medium: [
		'a tavern at closing time',
		'a crowded train carriage',
		'a group of travellers around a fire',
		'an office on a Monday morning',
		'a market in the rain',
		'a room just after an argument'
	],
	long: [
		'a city seen from a hill at dusk',
		'a storm rolling over a harbour',
		'a wedding where something is off',
		'the great hall of a ruined castle',
		'a festival at its loudest',
		'a forest that is slowly waking up'
	]
};
