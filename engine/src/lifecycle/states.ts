// The states and records of the lifecycle are domain types (ports speak of them): defined in domain/.
export * from '../domain/lifecycle-states.js';
