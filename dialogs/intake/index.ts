/** Public surface of the intake dialog: what we ask, in what order, and the pure machine. */
export * from './answers';
export * from './commands';
export * from './flow';
export * from './intakeMachine';
export * from './intakeSchemas';
export * from './questions';
export * from './snapshot';
