// The alerts storage suite on PostgreSQL (a fresh schema).
import { runAlertsSuite } from './alerts-suite.js';
import { openTestStore } from './test-store.js';

runAlertsSuite('PostgreSQL', () => openTestStore('postgres'));
