// The companion-model storage suite on PostgreSQL.
import { runCompanionModelsSuite } from './companion-models-suite.js';
import { openTestStore } from './test-store.js';

runCompanionModelsSuite('PostgreSQL', () => openTestStore('postgres'));
