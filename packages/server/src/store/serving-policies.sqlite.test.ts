// The serving-policy storage suite on SQLite.
import { runServingPoliciesSuite } from './serving-policies-suite.js';
import { openTestStore } from './test-store.js';

runServingPoliciesSuite('SQLite', () => openTestStore('sqlite'));
