// Shopfloor's shared contracts: request/response schemas and the error catalogue.
export * from './errors.js';
export * from './common.js';
export * from './datasets.js';
export * from './use-cases.js';
export * from './models.js';
export * from './predict.js';
export * from './validation.js';
export * from './labels.js';
export * from './evaluation-sets.js';
export * from './registry.js';
export * from './comparison.js';
export * from './sensors.js';
export * from './robustness.js';
export * from './trust.js';
export * from './rules.js';
export * from './companions.js';
