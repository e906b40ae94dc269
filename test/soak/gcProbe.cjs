// Preloaded (`node --expose-gc -r gcProbe.cjs dist/src/main.js`) into a server started by the load
// and crash tests: on an IPC message { memory: true } it runs full garbage collections and answers
// with process.memoryUsage(), so the parent can compare memory before and after a run. The server
// itself is the unchanged production entry point.
'use strict';
if (typeof process.send === 'function') {
  process.on('message', (msg) => {
    if (!msg || msg.memory !== true) return;
    if (typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    process.send({ memory: process.memoryUsage() });
  });
  // The IPC channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
}
