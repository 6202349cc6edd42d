/** The plan's types, for the layers above the core; the core reads them from domain/plan.ts. */
export * from '../domain/plan.js';
