// The companion-model storage suite on SQLite.
import { runCompanionModelsSuite } from './companion-models-suite.js';
import { openTestStore } from './test-store.js';

runCompanionModelsSuite('SQLite', () => openTestStore('sqlite'));
