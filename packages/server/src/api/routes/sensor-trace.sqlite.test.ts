// The sensor trace route on SQLite.
import { runSensorTraceSuite } from './sensor-trace-suite.js';

runSensorTraceSuite('sqlite');
