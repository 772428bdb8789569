// The sensors and readings storage suite on PostgreSQL (a fresh schema).
import { runReadingsSuite } from './readings-suite.js';
import { openTestStore } from './test-store.js';

runReadingsSuite('PostgreSQL', () => openTestStore('postgres'));
