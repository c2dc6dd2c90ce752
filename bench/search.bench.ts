import { bench, describe } from 'vitest';
import { createIndex, documentsFor, search } from '../src/lib/search/index';
import { tenYearDataset } from './data';

const data = tenYearDataset();
const docs = documentsFor({ ...data, books: [] } as never);
const index = createIndex(docs);

describe('search, ten years of data (3,000 drills, 20,000 passages, 100 skills)', () => {
	bench(
		'build the index from scratch',
		() => {
			createIndex(docs);
		},
		{ iterations: 3, time: 0 }
	);

	bench('warm query with a typo (target < 50 ms)', () => {
		search(index, 'sumarise pause');
	});

	bench('warm prefix query as you type', () => {
		search(index, 'lis');
	});
});
