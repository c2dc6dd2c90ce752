import { bench, describe } from 'vitest';
import { levelSeries, replay } from '../src/lib/skills/model';
import { TEN_YEARS_FROM, tenYearsOfPractice } from './data';

const DAY = 86_400_000;
const skills = tenYearsOfPractice(100);
const end = TEN_YEARS_FROM + 3650 * DAY;
const weeks = Array.from({ length: 53 }, (_, i) => end - (52 - i) * 7 * DAY);

describe('skill model, ten years of daily practice (100 skills, 365,000 events)', () => {
	bench('replay all 100 skills (target < 200 ms)', () => {
		for (const events of skills) replay(events);
	});

	bench("one skill's 52-week curve (target < 5 ms)", () => {
		levelSeries(skills[0], weeks);
	});
});
