// The fallback-rule storage suite on SQLite.
import { runFallbackRulesSuite } from './fallback-rules-suite.js';
import { openTestStore } from './test-store.js';

runFallbackRulesSuite('SQLite', () => openTestStore('sqlite'));
