// The sensor trace route on PostgreSQL (a fresh schema).
import { runSensorTraceSuite } from './sensor-trace-suite.js';

runSensorTraceSuite('postgres');
