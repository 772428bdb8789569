// The deployment storage suite on SQLite.
import { runDeploymentsSuite } from './deployments-suite.js';
import { openTestStore } from './test-store.js';

runDeploymentsSuite('SQLite', () => openTestStore('sqlite'));
