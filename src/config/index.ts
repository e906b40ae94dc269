/** Configuration: environment (zod) and the organization profile. */
export * from './env';
export * from './orgProfile';
