const { sessionSchema } = require('./dist/src/storage/types.js');
const s = { schemaVersion: 1, updatedAt: new Date().toISOString(), intake: { machineVersion: require('./dist/dialogs/intake/intakeMachine.js').MACHINE_VERSION, value: 'asking', context: {
 locale: 'es', current: 'time_in_us', history: ['language','consent','location','under_21','detained','proceedings','relationship','partner_status','entry','status_now'], misses: 0, notice: { kind: 'reask', reason: 'noMatch', offerHelp: false }, resume: 'asking',
 answers: { language: 'es', consent: 'yes', location: 'in_us', under_21: 'no', detained: 'no', proceedings: 'none', relationship: 'married', partner_status: 'us_citizen', entry: 'inspected', status_now: 'expired' } } } };
const json = JSON.stringify(s);
for (let i=0;i<20000;i++) sessionSchema.safeParse(JSON.parse(json));
let t=process.hrtime.bigint(); for (let i=0;i<50000;i++) sessionSchema.safeParse(JSON.parse(json)); console.log('parse+zod us', Number(process.hrtime.bigint()-t)/50000/1000);
t=process.hrtime.bigint(); for (let i=0;i<50000;i++) JSON.parse(json); console.log('parse only us', Number(process.hrtime.bigint()-t)/50000/1000);
console.log(json.length);
