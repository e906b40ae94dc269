/**
 * What the benchmark (bench/) and the tests (test/) share to drive Puente from outside: one HTTP
 * client, one Bot Framework conversation, one scenario player, one launcher of servers as child
 * processes, and the handle of the one throwaway PostgreSQL (scripts/test-postgres.sh).
 *
 * Why a folder of its own: bench/tsconfig.json compiles bench/ into dist/bench without jest's
 * types, and src/ and dialogs/ never import test/ (eslint), so neither bench/ nor test/ is the place
 * for code the other imports. Nothing here uses jest globals or is part of the production build
 * (tsconfig.build.json); bench/tsconfig.json includes this folder and compiles it into dist/tools,
 * and ts-jest compiles it for the tests.
 */
export { HttpClient, HttpError, type HttpClientOptions, type HttpResult, type Requester } from './httpClient';
export { BotConversation, questionOf, resultOf, textOf, type Activity, type IntakeResult } from './botConversation';
export { fillDate, loadScenarios, playIntake, playUntil, resultMatches, ScenarioError, type Played, type Scenario, type ScenarioTransport } from './scenarioPlayer';
export { cpuSeconds, freePort, peakRssMb, rssMb, ServerProcess, type ServerSpec } from './serverProcess';
export { ThrowawayPostgres, type ThrowawayPostgresOptions } from './throwawayPostgres';
