import { bench, describe } from 'vitest';
import { buildReview, reviewSplit, rustingSoon } from '../src/lib/review/model';
import { historiesFromEvents } from '../src/lib/skills/log';
import { weekOf } from '../src/lib/review/week';
import { eventsBySkill } from '../src/lib/skills/log';
import { tenYearDataset } from './data';

const data = tenYearDataset();
const week = weekOf(data.end - 86_400_000, 1);
// What the app reads with checkpoints in place: each skill's fold up to the 12-week window
// plus the events inside it (prepared here, as the database would hand them over).
const histories = historiesFromEvents(data.events, reviewSplit(week, 1));

describe('weekly review, ten years of data (100 skills, 365k events, 3,000 drills, 20,000 passages)', () => {
	bench("build a week's review from checkpoints (target < 100 ms)", () => {
		buildReview(data, week, 1, undefined, histories);
	});

	bench('rusting-soon list from checkpoints', () => {
		rustingSoon(data.skills, [], data.end, 30, histories);
	});

	bench("build a week's review from every event (no checkpoints: once a week)", () => {
		buildReview(data, week, 1);
	});
});

describe('parts of the review', () => {
	bench('group 365k events by skill', () => {
		eventsBySkill(data.events);
	});
});
