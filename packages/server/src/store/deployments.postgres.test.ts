// The deployment storage suite on PostgreSQL (a fresh schema).
import { runDeploymentsSuite } from './deployments-suite.js';
import { openTestStore } from './test-store.js';

runDeploymentsSuite('PostgreSQL', () => openTestStore('postgres'));
