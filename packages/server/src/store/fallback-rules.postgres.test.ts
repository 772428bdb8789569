// The fallback-rule storage suite on PostgreSQL (a fresh schema).
import { runFallbackRulesSuite } from './fallback-rules-suite.js';
import { openTestStore } from './test-store.js';

runFallbackRulesSuite('PostgreSQL', () => openTestStore('postgres'));
