// The prediction-log storage suite on PostgreSQL.
import { runPredictionsSuite } from './predictions-suite.js';
import { openTestStore } from './test-store.js';

runPredictionsSuite('PostgreSQL', () => openTestStore('postgres'));
