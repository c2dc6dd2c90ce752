import { bench, describe } from 'vitest';
import { buildReview, rustingSoon } from '../src/lib/review/model';
import { weekOf } from '../src/lib/review/week';
import { eventsBySkill } from '../src/lib/skills/log';
import { tenYearDataset } from './data';

const data = tenYearDataset();
const week = weekOf(data.end - 86_400_000, 1);

describe('weekly review, ten years of data (100 skills, 365k events, 3,000 drills, 20,000 passages)', () => {
	bench("build a week's review (target < 100 ms)", () => {
		buildReview(data, week, 1);
	});

	bench('rusting-soon list for all skills', () => {
		rustingSoon(data.skills, data.events, data.end);
	});
});

describe('parts of the review', () => {
	bench('group 365k events by skill', () => {
		eventsBySkill(data.events);
	});
});
