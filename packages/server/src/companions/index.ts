// companions/: a champion's companion models, trained without one critical sensor each (serving reads them from the store).
export { trainCompanions, listCompanions, type CompanionDeps } from './train-companions.js';
export { mostCriticalSensors } from './choose-sensors.js';
export { versionTrainingParams } from './companion-params.js';
