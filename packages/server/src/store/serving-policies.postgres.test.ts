// The serving-policy storage suite on PostgreSQL (a fresh schema).
import { runServingPoliciesSuite } from './serving-policies-suite.js';
import { openTestStore } from './test-store.js';

runServingPoliciesSuite('PostgreSQL', () => openTestStore('postgres'));
