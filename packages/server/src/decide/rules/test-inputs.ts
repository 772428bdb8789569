// AI4I-shaped model inputs shared by the rule tests: names with spaces and units, a categorical type, a boolean.
import type { ModelInput } from '@shopfloor/contracts';

export const AI4I_INPUTS: ModelInput[] = [
  { name: 'Type', kind: 'categorical', levels: ['H', 'L', 'M'] },
  { name: 'Air temperature [K]', kind: 'numeric', unit: 'K', min: 295.3, max: 304.5, median: 300.1 },
  { name: 'Process temperature [K]', kind: 'numeric', unit: 'K', min: 305.7, max: 313.8, median: 310.1 },
  { name: 'Rotational speed [rpm]', kind: 'numeric', unit: 'rpm', min: 1168, max: 2886, median: 1503 },
  { name: 'Torque [Nm]', kind: 'numeric', unit: 'Nm', min: 3.8, max: 76.6, median: 40.1 },
  { name: 'Tool wear [min]', kind: 'numeric', unit: 'min', min: 0, max: 253, median: 108 },
  { name: 'coolant_on', kind: 'boolean', levels: ['false', 'true'] },
  { name: 'speed', kind: 'numeric' },
];
