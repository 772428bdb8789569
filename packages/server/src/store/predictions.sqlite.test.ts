// The prediction-log storage suite on SQLite.
import { runPredictionsSuite } from './predictions-suite.js';
import { openTestStore } from './test-store.js';

runPredictionsSuite('SQLite', () => openTestStore('sqlite'));
