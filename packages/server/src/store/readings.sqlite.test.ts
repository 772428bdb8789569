// The sensors and readings storage suite on SQLite.
import { runReadingsSuite } from './readings-suite.js';
import { openTestStore } from './test-store.js';

runReadingsSuite('SQLite', () => openTestStore('sqlite'));
