/** Bot Framework turn handling (the only place, with channels/ and server/, that imports botbuilder). */
export * from './intakeBot';
export * from './toActivities';
