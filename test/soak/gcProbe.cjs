// Preloaded (`node --expose-gc -r gcProbe.cjs dist/src/main.js`) into a server started by the load
// and crash tests: on an IPC message { memory: true, settleMs } it runs full garbage collections,
// lets the process sit idle for `settleMs` (V8 gives back young-generation space it grew for a burst
// only after a quiet moment), collects again and answers with process.memoryUsage(), so the parent
// can compare memory before and after a run. The server itself is the unchanged production entry point.
'use strict';
const { setTimeout } = require('node:timers');
if (typeof process.send === 'function') {
  const collect = () => {
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
  };
  process.on('message', (msg) => {
    if (!msg || msg.memory !== true) return;
    collect();
    setTimeout(() => {
      collect();
      process.send({ memory: process.memoryUsage() });
    }, Math.min(Math.max(Number(msg.settleMs) || 0, 0), 30_000));
  });
  // The IPC channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
}
