// The alerts storage suite on SQLite.
import { runAlertsSuite } from './alerts-suite.js';
import { openTestStore } from './test-store.js';

runAlertsSuite('SQLite', () => openTestStore('sqlite'));
